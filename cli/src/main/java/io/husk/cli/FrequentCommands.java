package io.husk.cli;

import io.husk.core.Husk;
import io.husk.core.lifecycle.Containers;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The commands container managers send, parsed without picocli: state, start, kill, delete, list, create, run
 * and run-cleanup. They run once per operation, many times a minute, and building picocli's model by reflection
 * costs about 90 ms interpreted, more than the rest of a {@code state}. Only plain forms are taken here: the
 * global flags, the command's own flags spelled out (each at most once, values not starting with '-'), and the
 * right number of arguments. Anything else (help, an unknown, clustered or repeated flag, {@code --}, a missing
 * argument) is left to picocli, which reads these forms the same way and reports the errors, so the two
 * parsers never disagree about a command line.
 */
final class FrequentCommands {
    /** Flags that take a value, by canonical name. */
    private static final Set<String> VALUED = Set.of("format", "bundle", "pid-file", "preserve-fds",
            "console-socket");

    final String command;
    final List<String> positionals = new ArrayList<>();
    /** Canonical flag name to its value ("true" for a switch). */
    final Map<String, String> flags = new HashMap<>();
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
        Map<String, String> global = new HashMap<>();
        int i = 0;
        for (; i < args.length && args[i].startsWith("-"); i++) {
            String a = args[i];
            if (a.equals("--debug")) {
                if (global.put("debug", "true") != null) {
                    return null;
                }
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq > 0 ? a.substring(0, eq) : a;
            String value = eq > 0 ? a.substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
            boolean known = Set.of("--root", "--log", "--log-format", "--plugins-dir", "--rootfs", "--sync")
                    .contains(name);
            if (!known || value == null || (eq < 0 && value.startsWith("-")) || global.put(name, value) != null) {
                return null;
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
            String plugins = global.get("--plugins-dir");
            c.globals = new GlobalOptions(Path.of(global.getOrDefault("--root", GlobalOptions.DEFAULT_ROOT)),
                    global.get("--log"), global.getOrDefault("--log-format", GlobalOptions.DEFAULT_LOG_FORMAT),
                    global.containsKey("debug"), false,
                    plugins == null ? GlobalOptions.defaultPluginsDir() : Path.of(plugins),
                    global.getOrDefault("--rootfs", GlobalOptions.DEFAULT_ROOTFS),
                    global.getOrDefault("--sync", GlobalOptions.DEFAULT_SYNC));
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
                continue;
            }
            if (command.equals("run-cleanup") && a.equals("--") && i + 1 < args.length) {
                positionals.add(args[++i]);
                continue;
            }
            int eq = a.startsWith("--") ? a.indexOf('=') : -1;
            String name = canonical(eq > 0 ? a.substring(0, eq) : a);
            if (name == null) {
                return false;
            }
            String value = "true";
            if (VALUED.contains(name)) {
                value = eq > 0 ? a.substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
                if (value == null || (eq < 0 && value.startsWith("-"))) {
                    return false;
                }
            } else if (eq > 0) {
                return false;
            }
            if (flags.put(name, value) != null) {
                return false; // picocli refuses a repeated option
            }
        }
        if (has("preserve-fds") && !isInt(flags.get("preserve-fds"))) {
            return false; // picocli's own message for a bad number
        }
        int n = positionals.size();
        return switch (command) {
            case "state", "start", "delete", "run-cleanup", "create", "run" -> n == 1;
            case "kill" -> n == 1 || n == 2;
            case "list" -> n == 0;
            default -> false;
        };
    }

    /** The canonical name of a flag of this command, or null when it has no such flag. */
    private String canonical(String flag) {
        return switch (command) {
            case "kill" -> flag.equals("--all") || flag.equals("-a") ? "all" : null;
            case "delete" -> flag.equals("--force") || flag.equals("-f") ? "force" : null;
            case "list" -> switch (flag) {
                case "--quiet", "-q" -> "quiet";
                case "--format", "-f" -> "format";
                default -> null;
            };
            case "create", "run" -> switch (flag) {
                case "--bundle", "-b" -> "bundle";
                case "--pid-file" -> "pid-file";
                case "--preserve-fds" -> "preserve-fds";
                case "--console-socket" -> "console-socket";
                case "--no-pivot" -> "no-pivot";
                case "--no-new-keyring" -> "no-new-keyring";
                case "--dry-run" -> "dry-run";
                case "--detach", "-d" -> command.equals("run") ? "detach" : null;
                case "--keep" -> command.equals("run") ? "keep" : null;
                case "--no-subreaper" -> command.equals("run") ? "no-subreaper" : null;
                default -> null;
            };
            default -> null;
        };
    }

    private static boolean isInt(String s) {
        try {
            Integer.parseInt(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private boolean has(String flag) {
        return flags.containsKey(flag);
    }

    private int execute() {
        Husk husk = globals.husk();
        Containers containers = husk.containers();
        String id = positionals.isEmpty() ? null : positionals.get(0);
        switch (command) {
            case "state" -> containers.state(id, System.out);
            case "start" -> containers.start(id);
            case "kill" -> containers.kill(id, positionals.size() > 1 ? positionals.get(1) : "TERM", has("all"));
            case "delete" -> containers.delete(id, has("force"));
            case "list" -> ListCommand.print(containers, flags.getOrDefault("format", "table"), has("quiet"));
            case "run-cleanup" -> {
                return RunCleanupCommand.cleanUp(containers, id);
            }
            case "create" -> CreateCommand.create(containers, createOptions(id));
            case "run" -> {
                return RunCommand.run(husk, createOptions(id), has("detach"), has("keep"));
            }
            default -> throw new IllegalStateException(command);
        }
        return 0;
    }

    /** create's and run's flags, as picocli would have filled them. */
    CreateOptions createOptions(String id) {
        CreateOptions o = new CreateOptions();
        o.id = id;
        o.bundle = flags.get("bundle");
        o.pidFile = flags.get("pid-file");
        o.consoleSocket = flags.get("console-socket");
        o.noPivot = has("no-pivot");
        o.noNewKeyring = has("no-new-keyring");
        o.dryRun = has("dry-run");
        o.preserveFds = Integer.parseInt(flags.getOrDefault("preserve-fds", "0"));
        return o;
    }
}
