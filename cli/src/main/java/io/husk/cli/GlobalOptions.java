package io.husk.cli;

import io.husk.core.Husk;
import io.husk.core.HuskException;
import io.husk.core.lifecycle.RuntimeOptions;
import io.husk.core.log.Log;
import io.husk.spi.IoErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * husk's global flags, however they were parsed (picocli's {@link HuskCommand} or {@link FrequentCommands}),
 * and what applying them means: the log, then the object graph of this invocation.
 */
record GlobalOptions(Path root, String log, String logFormat, boolean debug, boolean systemdCgroup, Path pluginsDir,
                     String rootfs, String sync) {
    static final String DEFAULT_ROOT = "/run/husk", DEFAULT_LOG_FORMAT = "text", DEFAULT_ROOTFS = "bind",
            DEFAULT_SYNC = "fifo";

    /** Where a packaged husk finds vendor plugins; a host without any has no such directory. */
    static final Path STOCK_PLUGINS_DIR = Path.of("/usr/lib/husk/plugins");

    /** The plugins directory when --plugins-dir is absent: $HUSK_PLUGINS_DIR, else /usr/lib/husk/plugins. */
    static Path defaultPluginsDir() {
        String env = System.getenv("HUSK_PLUGINS_DIR");
        return env == null || env.isEmpty() ? STOCK_PLUGINS_DIR : Path.of(env);
    }

    /** Sets up the log, checks the flags and builds the object graph. */
    Husk husk() {
        setUpLog();
        if (systemdCgroup) {
            throw new HuskException("--systemd-cgroup: husk has no systemd cgroup driver yet;"
                    + " run without it to manage cgroupfs directly");
        }
        // A directory someone named must be there: a typo would otherwise run without the vendor's backends.
        if (!pluginsDir.equals(STOCK_PLUGINS_DIR) && !Files.isDirectory(pluginsDir)) {
            throw new HuskException("--plugins-dir " + pluginsDir + " (or HUSK_PLUGINS_DIR): not a directory");
        }
        return Husk.create(new RuntimeOptions(root.toAbsolutePath(), pluginsDir, rootfs, sync, launcher()));
    }

    void setUpLog() {
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            throw new HuskException("--log-format: \"" + logFormat + "\" is neither text nor json");
        }
        try {
            Log.configure(log, logFormat, debug);
        } catch (IOException e) {
            throw new HuskException("--log: cannot open " + log + ": " + IoErrors.reason(e));
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
