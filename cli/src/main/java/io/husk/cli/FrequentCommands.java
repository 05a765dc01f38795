package io.husk.cli;

import io.husk.core.lifecycle.Containers;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * state, start, kill, delete, list and run-cleanup without picocli. Container managers run these once per
 * operation, many times a minute, and building picocli's model by reflection costs about 90 ms, more than the
 * rest of such a command. Only plain forms are taken here: the global flags, the command's own flags spelled
 * out, and the right number of arguments. Anything else (help, an unknown or clustered flag, {@code --}, a
 * missing argument) is left to picocli, which reads these forms the same way and reports the errors, so the
 * two parsers never disagree about a command line.
 */
final class FrequentCommands {
    final String command;
    final List<String> positionals = new ArrayList<>();
    final List<String> flags = new ArrayList<>();
    String format = "table";
    GlobalOptions globals;

    private FrequentCommands(String command) {
        this.command = command;
    }

    /** The exit code, or null when picocli must handle these arguments. */
    static Integer run(String[] args) {
        FrequentCommands c = parse(args);
        if (c == null) {
            return null;
        }
        try {
            return c.execute();
        } catch (RuntimeException e) {
            return Main.fail(e);
        }
    }

    /** The parsed command line, or null for anything picocli should see. */
    static FrequentCommands parse(String[] args) {
        String root = GlobalOptions.DEFAULT_ROOT, log = null, logFormat = GlobalOptions.DEFAULT_LOG_FORMAT;
        String rootfs = GlobalOptions.DEFAULT_ROOTFS, sync = GlobalOptions.DEFAULT_SYNC, pluginsDir = null;
        boolean debug = false;
        int i = 0;
        for (; i < args.length && args[i].startsWith("-"); i++) {
            String a = args[i];
            if (a.equals("--debug")) {
                debug = true;
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq > 0 ? a.substring(0, eq) : a;
            String value = eq > 0 ? a.substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
            if (value == null) {
                return null;
            }
            switch (name) {
                case "--root" -> root = value;
                case "--log" -> log = value;
                case "--log-format" -> logFormat = value;
                case "--plugins-dir" -> pluginsDir = value;
                case "--rootfs" -> rootfs = value;
                case "--sync" -> sync = value;
                default -> {
                    return null;
                }
            }
        }
        if (i >= args.length) {
            return null;
        }
        FrequentCommands c = new FrequentCommands(args[i]);
        if (!c.parseCommand(args, i + 1)) {
            return null;
        }
        try {
            c.globals = new GlobalOptions(Path.of(root), log, logFormat, debug, false,
                    pluginsDir == null ? GlobalOptions.defaultPluginsDir() : Path.of(pluginsDir), rootfs, sync);
        } catch (InvalidPathException e) {
            return null;
        }
        return c;
    }

    /** Collects the command's flags and arguments; false for anything picocli should see. */
    private boolean parseCommand(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("-")) {
                positionals.add(a);
            } else if (command.equals("run-cleanup") && a.equals("--") && i + 1 < args.length) {
                positionals.add(args[++i]);
            } else if (command.equals("list") && (a.equals("--format") || a.equals("-f")) && i + 1 < args.length) {
                format = args[++i];
            } else if (command.equals("list") && a.startsWith("--format=")) {
                format = a.substring("--format=".length());
            } else if (known(a)) {
                flags.add(a);
            } else {
                return false;
            }
        }
        int n = positionals.size();
        return switch (command) {
            case "state", "start", "delete", "run-cleanup" -> n == 1;
            case "kill" -> n == 1 || n == 2;
            case "list" -> n == 0;
            default -> false;
        };
    }

    private boolean known(String flag) {
        return switch (command) {
            case "kill" -> flag.equals("--all") || flag.equals("-a");
            case "delete" -> flag.equals("--force") || flag.equals("-f");
            case "list" -> flag.equals("--quiet") || flag.equals("-q");
            default -> false;
        };
    }

    private int execute() {
        Containers containers = globals.husk().containers();
        String id = positionals.isEmpty() ? null : positionals.get(0);
        switch (command) {
            case "state" -> containers.state(id, System.out);
            case "start" -> containers.start(id);
            case "kill" -> containers.kill(id, positionals.size() > 1 ? positionals.get(1) : "TERM",
                    !flags.isEmpty());
            case "delete" -> containers.delete(id, !flags.isEmpty());
            case "list" -> ListCommand.print(containers, format, !flags.isEmpty());
            case "run-cleanup" -> {
                return RunCleanupCommand.cleanUp(containers, id);
            }
            default -> throw new IllegalStateException(command);
        }
        return 0;
    }
}
