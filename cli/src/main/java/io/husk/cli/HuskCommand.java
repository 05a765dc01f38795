package io.husk.cli;

import io.husk.core.Husk;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The top-level command and its global flags, which every subcommand reads through {@link #husk()}. */
@Command(name = "husk", versionProvider = Version.class,
        description = "An OCI container runtime written in Java, with runc's command line.")
public final class HuskCommand implements Runnable {
    /**
     * Every subcommand. Main registers only the one being invoked: picocli builds each command's model by
     * reflection, and skipping the others saves about a tenth of a short command's CPU (measured A/B).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(SpecCommand.class, CreateCommand.class, StartCommand.class,
                       RunCommand.class, StateCommand.class, KillCommand.class, DeleteCommand.class, ListCommand.class,
                       RunCleanupCommand.class, ExecCommand.class, PauseCommand.class, ResumeCommand.class,
                       UpdateCommand.class, EventsCommand.class, PsCommand.class,
                       FeaturesCommand.class);

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean helpRequested;

    @Option(names = {"-v", "-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean versionRequested;

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

    @Option(names = "--rootless", paramLabel = "true|false|auto", description = "runc's rootless mode: false and"
            + " auto (husk runs as root, so auto is false) are taken; true is refused, as husk has no rootless mode.")
    String rootless;

    @Option(names = "--plugins-dir", description = "Directory of backend plugin jars (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:HUSK_PLUGINS_DIR:-/usr/lib/husk/plugins}")
    Path pluginsDir;

    @Option(names = "--rootfs", description = "Rootfs strategy when the config names none: bind, overlayfs or a"
            + " plugin's (default: ${DEFAULT-VALUE}).", defaultValue = "bind")
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
            husk = globals().husk();
        }
        return husk;
    }

    void setUpLog() {
        globals().setUpLog();
    }

    private GlobalOptions globals() {
        if (rootless != null) {
            switch (rootless) {
                case "false", "auto" -> { }
                case "true" -> throw new io.husk.core.HuskException("--rootless true: husk has no rootless mode;"
                        + " it runs containers as root");
                default -> throw new io.husk.core.HuskException("--rootless: \"" + rootless
                        + "\" is not true, false or auto");
            }
        }
        return new GlobalOptions(root, log, logFormat, debug, systemdCgroup, pluginsDir, rootfs, sync);
    }
}
