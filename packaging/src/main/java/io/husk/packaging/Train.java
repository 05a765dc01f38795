package io.husk.packaging;

import io.husk.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run of husk's AOT cache: the real commands, in one JVM (a cache is recorded from one run), against
 * a throw-away busybox bundle. Started by aot-cache.sh through bin/husk with {@code HUSK_AOT=train=FILE}, so the
 * flags and the class path are exactly those of a normal launch. Every container it makes it deletes again.
 *
 * <p>Usage: {@code Train <bundle dir with rootfs> <state root> [<provider index to write>]}. Exits 0 when every
 * step did what it should. The provider index ({@link io.husk.core.plugin.Plugins#writeIndex}) is written here
 * because this JVM has the launcher's class path, which the index must describe.
 */
public final class Train {
    /** null, zero, full, random, urandom, tty, ptmx and the pty slaves (major 136, any minor). */
    private static final String DEFAULT_DEVICES = String.join(", ", device(1, 3), device(1, 5), device(1, 7),
            device(1, 8), device(1, 9), device(5, 0), device(5, 2),
            "{\"allow\": true, \"type\": \"c\", \"major\": 136, \"access\": \"rwm\"}");
    private final String bundle;
    private final String root;
    private final List<String> ids = new ArrayList<>();
    private int failures;

    private Train(String bundle, String root) {
        this.bundle = bundle;
        this.root = root;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 3 && args[0].equals("--short")) {
            shortCommands(args[1], args[2]);
            return;
        }
        if (args.length != 2 && args.length != 3) {
            System.err.println("usage: Train <bundle> <root> [<provider index>]"
                    + " | Train --short <root> <id of a created container>");
            System.exit(2);
        }
        if (args.length == 3) {
            io.husk.core.plugin.Plugins.writeIndex(Path.of(args[2]));
        }
        Train t = new Train(args[0], args[1]);
        try {
            t.writeConfig();
            t.lifecycle();
            t.detached();
            t.errors();
        } finally {
            t.cleanup();
        }
        t.exit();
    }

    /**
     * The training of husk-short.aot: only what state, start, list, kill and delete load, on a container that
     * aot-cache.sh created beforehand in another JVM (so create's classes stay out of this cache).
     */
    private static void shortCommands(String root, String id) throws InterruptedException {
        Train t = new Train(null, root);
        t.ids.add(id);
        try {
            t.husk(0, "state", id);
            t.husk(0, "list");
            t.husk(0, "start", id);
            t.husk(0, "state", id);
            t.husk(0, "list", "--format", "json");
            t.husk(0, "list", "-q");
            t.husk(0, "kill", id, "KILL");
            t.awaitStopped(id);
            t.husk(0, "state", id);
            t.husk(0, "delete", id);
            t.husk(1, "state", "no-such-container");
            t.husk(0, "delete", "--force", "no-such-container");
        } finally {
            t.cleanup();
        }
        t.exit();
    }

    private void exit() {
        System.err.println("husk AOT training: " + (failures == 0 ? "all steps passed" : failures + " failed"));
        // halt, as husk's frequent commands end: System.exit would put the JDK's logger lookup into the cache.
        System.err.flush();
        Runtime.getRuntime().halt(failures == 0 ? 0 : 1);
    }

    /** husk spec, with a process that lives until it is killed, so start, state and kill see it running. */
    private void writeConfig() throws IOException {
        husk(0, "spec", "--bundle", bundle);
        Path config = Path.of(bundle, "config.json");
        String json = Files.readString(config, StandardCharsets.UTF_8);
        json = json.replaceFirst("\"args\":\\s*\\[\\s*\"sh\"\\s*\\]", "\"args\": [\"sleep\", \"60\"]");
        // After spec's deny-all device rule, the devices every container is given (as in runc's default spec).
        json = json.replaceFirst("\\{\\s*\"allow\":\\s*false,\\s*\"access\":\\s*\"rwm\"\\s*}",
                "{\"allow\": false, \"access\": \"rwm\"}, " + DEFAULT_DEVICES);
        Files.writeString(config, json, StandardCharsets.UTF_8);
    }

    /** The commands a container engine sends, in their order: create, state, start, state, list, kill, delete. */
    private void lifecycle() throws InterruptedException {
        String id = id("a");
        husk(0, "create", "--bundle", bundle, id);
        husk(0, "state", id);
        husk(0, "list");
        husk(0, "start", id);
        husk(0, "state", id);
        husk(0, "list", "--format", "json");
        husk(0, "list", "-q");
        husk(0, "kill", id, "KILL");
        awaitStopped(id);
        husk(0, "state", id);
        husk(0, "delete", id);
    }

    /** run --detach, kill with a signal by number, delete --force of a live one, and run-cleanup. */
    private void detached() throws InterruptedException {
        String id = id("b");
        husk(0, "run", "--detach", "--bundle", bundle, id);
        husk(0, "kill", id, "SIGKILL");
        awaitStopped(id);
        husk(0, "delete", "--force", id);
        String id2 = id("c");
        husk(0, "run", "-d", "--bundle", bundle, id2);
        husk(0, "delete", "--force", id2);
        String id3 = id("d");
        husk(0, "create", "--bundle", bundle, id3);
        husk(255, "run-cleanup", id3);
    }

    /** The paths that end in a one-line error. */
    private void errors() {
        husk(1, "state", "no-such-container");
        husk(1, "delete", "no-such-container");
        husk(0, "delete", "--force", "no-such-container");
        husk(0, "--version");
    }

    private static String device(int major, int minor) {
        return "{\"allow\": true, \"type\": \"c\", \"major\": " + major + ", \"minor\": " + minor
                + ", \"access\": \"rwm\"}";
    }

    private void awaitStopped(String id) throws InterruptedException {
        Path state = Path.of(root, id, "state");
        for (int i = 0; i < 100 && pidAlive(state); i++) {
            Thread.sleep(20);
        }
    }

    /** Whether the init recorded in the state file still exists (a zombie counts as gone). */
    private static boolean pidAlive(Path state) {
        try {
            java.util.Properties p = new java.util.Properties();
            try (java.io.Reader r = Files.newBufferedReader(state)) {
                p.load(r);
            }
            String digits = p.getProperty("pid", "0");
            String stat = Files.readString(Path.of("/proc", digits, "stat"));
            char st = stat.charAt(stat.lastIndexOf(')') + 2);
            return st != 'Z' && st != 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private String id(String suffix) {
        String id = "husk-aot-train-" + ProcessHandle.current().pid() + "-" + suffix;
        ids.add(id);
        return id;
    }

    private void husk(int expected, String... args) {
        List<String> argv = new ArrayList<>(List.of("--root", root));
        argv.addAll(List.of(args));
        int rc = Main.run(argv.toArray(String[]::new));
        if (rc != expected) {
            failures++;
            System.err.println("husk AOT training: husk " + String.join(" ", args) + " exited " + rc
                    + ", expected " + expected);
        }
    }

    /** Deletes whatever a failed step left behind; aot-cache.sh checks the root again afterwards. */
    private void cleanup() {
        for (String id : ids) {
            if (Files.isDirectory(Path.of(root, id))) {
                Main.run(new String[] {"--root", root, "delete", "--force", id});
            }
        }
    }
}
