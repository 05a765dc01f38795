package io.husk.cli;

import io.husk.core.Husk;
import io.husk.core.HuskException;
import io.husk.core.lifecycle.RuntimeOptions;
import io.husk.core.log.Log;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The top-level command and its global flags, which every subcommand reads through {@link #husk()}. */
@Command(name = "husk", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "An OCI container runtime written in Java, with runc's command line.")
public final class HuskCommand implements Runnable {
    /**
     * Every subcommand. Main registers only the one being invoked: picocli builds each command's model by
     * reflection, and skipping the others saves about a tenth of a short command's CPU (measured A/B).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(SpecCommand.class, CreateCommand.class, StartCommand.class,
                       RunCommand.class, StateCommand.class, KillCommand.class, DeleteCommand.class, ListCommand.class,
                       RunCleanupCommand.class, ExecCommand.class, PauseCommand.class, ResumeCommand.class,
                       UpdateCommand.class, EventsCommand.class, PsCommand.class);

    @Option(names = "--root", description = "Directory of the containers' state (default: ${DEFAULT-VALUE}).",
            defaultValue = "/run/husk")
    Path root;

    @Option(names = "--log", description = "Write the log to this file instead of stderr.")
    String log;

    @Option(names = "--log-format", description = "Log format: text or json (default: ${DEFAULT-VALUE}).",
            defaultValue = "text")
    String logFormat;

    @Option(names = "--debug", description = "Log debug messages.")
    boolean debug;

    @Option(names = "--systemd-cgroup", description = "Manage cgroups through systemd (not supported yet).")
    boolean systemdCgroup;

    @Option(names = "--plugins-dir", description = "Directory of backend plugin jars (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:HUSK_PLUGINS_DIR:-/usr/lib/husk/plugins}")
    Path pluginsDir;

    @Option(names = "--rootfs", description = "Rootfs strategy when the config names none (default: ${DEFAULT-VALUE}).",
            defaultValue = "bind")
    String rootfs;

    @Option(names = "--sync", description = "Start gate when the config names none: fifo or socket"
            + " (default: ${DEFAULT-VALUE}).", defaultValue = "fifo")
    String sync;

    private Husk husk;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "a command is required");
    }

    /** Applies the global flags (once) and returns the object graph. */
    Husk husk() {
        if (husk == null) {
            setUpLog();
            if (systemdCgroup) {
                throw new HuskException("--systemd-cgroup: husk has no systemd cgroup driver yet;"
                        + " run without it to manage cgroupfs directly");
            }
            husk = Husk.create(new RuntimeOptions(root.toAbsolutePath(), pluginsDir, rootfs, sync, launcher()));
        }
        return husk;
    }

    void setUpLog() {
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            throw new HuskException("--log-format: \"" + logFormat + "\" is neither text nor json");
        }
        try {
            Log.configure(log, logFormat, debug);
        } catch (IOException e) {
            throw new HuskException("--log: cannot open " + log + ": " + e.getMessage());
        }
    }

    /** The command that starts husk again with the same global flags (for the cleanup of a foreground run). */
    private List<String> launcher() {
        List<String> cmd = new ArrayList<>();
        String self = System.getProperty("husk.launcher");
        if (self != null) {
            cmd.add(self);
        } else {
            ProcessHandle.Info info = ProcessHandle.current().info();
            cmd.add(info.command().orElse("java"));
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(Main.class.getName());
        }
        cmd.add("--root=" + root.toAbsolutePath());
        if (log != null) {
            cmd.add("--log=" + log);
        }
        cmd.add("--log-format=" + logFormat);
        if (debug) {
            cmd.add("--debug");
        }
        cmd.add("--plugins-dir=" + pluginsDir);
        return cmd;
    }
}
