package io.husk.core.lifecycle;

import io.husk.core.HuskException;
import io.husk.core.state.ContainerState;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.CgroupManager;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** {@code ps}: the processes of the container's cgroup, as a JSON array of host pids or a ps -ef table. */
final class ProcessList {
    private ProcessList() {
    }

    static void print(ContainerState s, CgroupManager cgroup, String format, PrintStream out) {
        List<Integer> pids = pids(s, cgroup);
        switch (format) {
            case "json" -> out.println(pids.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]")));
            case "table" -> table(pids, out);
            default -> throw new HuskException("--format: \"" + format + "\" is neither table nor json");
        }
        out.flush();
    }

    private static void table(List<Integer> pids, PrintStream out) {
        ProcTable t;
        try {
            t = new ProcTable(Path.of("/proc"), Path.of("/etc/passwd"));
        } catch (IOException | RuntimeException e) {
            throw new HuskException("ps: cannot read /proc: " + e.getMessage());
        }
        out.println(ProcTable.HEADER);
        for (int pid : pids) {
            String row = t.row(pid);
            if (row != null) {
                out.println(row);
            }
        }
    }

    private static List<Integer> pids(ContainerState s, CgroupManager cgroup) {
        try {
            return cgroup.pids().stream().sorted().toList();
        } catch (CgroupException e) {
            throw new HuskException("list the processes of " + s.id() + ": " + e.getMessage());
        }
    }
}
