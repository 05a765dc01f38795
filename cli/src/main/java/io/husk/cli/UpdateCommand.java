package io.husk.cli;

import io.husk.core.HuskException;
import io.husk.core.lifecycle.ResourceFlags;
import io.husk.spi.IoErrors;
import io.husk.spi.cgroup.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** runc's update flags; each one given is written to the cgroup, the others stay as they are. */
@Command(name = "update", description = {"Update the resource limits of a running container.",
        "As in runc, a flag given as 0 leaves its limit unchanged (except --cpu-burst)."})
final class UpdateCommand implements Runnable {
    @ParentCommand
    HuskCommand parent;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<container-id>", description = "The container's id.")
    String id;

    @Option(names = {"-r", "--resources"}, paramLabel = "FILE",
            description = "An OCI linux.resources JSON file, or - for stdin (no other flag with it).")
    String resources;

    @Option(names = "--memory", description = "Memory limit (bytes, or with k, m, g; -1 for none).")
    String memory;
    @Option(names = "--memory-reservation", description = "Memory soft limit.")
    String memoryReservation;
    @Option(names = "--memory-swap", description = "Memory plus swap limit (-1 for none).")
    String memorySwap;
    @Option(names = "--kernel-memory", description = "Refused: kernel memory limits are not supported.")
    String kernelMemory;
    @Option(names = "--kernel-memory-tcp", description = "Refused: kernel memory limits are not supported.")
    String kernelMemoryTcp;
    @Option(names = {"--cpu-share", "--cpu-shares"}, description = "CPU shares (relative weight).")
    String cpuShare;
    @Option(names = "--cpu-quota", description = "CFS quota in microseconds per period (-1 for none).")
    String cpuQuota;
    @Option(names = "--cpu-period", description = "CFS period in microseconds.")
    String cpuPeriod;
    @Option(names = "--cpu-burst", description = "CFS burst in microseconds.")
    String cpuBurst;
    @Option(names = "--cpu-rt-runtime", description = "Realtime runtime in microseconds per period.")
    String cpuRtRuntime;
    @Option(names = "--cpu-rt-period", description = "Realtime period in microseconds.")
    String cpuRtPeriod;
    @Option(names = "--cpuset-cpus", description = "CPUs allowed (0-3, 0,1).")
    String cpusetCpus;
    @Option(names = "--cpuset-mems", description = "Memory nodes allowed.")
    String cpusetMems;
    @Option(names = "--pids-limit", description = "Maximum number of processes (-1 for none).")
    String pidsLimit;
    @Option(names = "--blkio-weight", description = "Block IO weight (10-1000).")
    String blkioWeight;
    @Option(names = "--l3-cache-schema", description = "Refused: Intel RDT is not supported.")
    String l3CacheSchema;
    @Option(names = "--mem-bw-schema", description = "Refused: Intel RDT is not supported.")
    String memBwSchema;

    @Override
    public void run() {
        Map<String, String> flags = new LinkedHashMap<>();
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            String name = o.longestName().substring(2);
            if (!name.equals("resources")) {
                flags.put(name.equals("cpu-shares") ? "cpu-share" : name, o.getValue());
            }
        }
        Resources r;
        String document = null;
        if (resources != null) {
            if (!flags.isEmpty()) {
                throw new HuskException("--resources: cannot be combined with --" + flags.keySet().iterator().next());
            }
            document = resources.equals("-") ? "stdin" : resources;
            r = ResourceFlags.fromJson(read(resources), document);
        } else if (flags.isEmpty()) {
            throw new HuskException("update: nothing to update; give -r FILE or a resource flag (see --help)");
        } else {
            r = ResourceFlags.fromFlags(flags);
        }
        parent.husk().containers().update(id, r, document);
    }

    private static byte[] read(String file) {
        try {
            return file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new HuskException("--resources: cannot read " + file + ": " + IoErrors.reason(e));
        }
    }
}
