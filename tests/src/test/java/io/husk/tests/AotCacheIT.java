package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The launcher's AOT cache (packaging module, bin/husk): a cache the build left must be usable, and a cache
 * whose key no longer matches the jars and the JDK must never reach the JVM (Temurin 25.0.3 would use it).
 */
class AotCacheIT {
    private static final Path BUILT = HuskRunner.HOME.resolve("packaging/target/aot");

    private Path dir;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createTempDirectory("husk-aot-it");
    }

    @AfterEach
    void tearDown() throws IOException {
        for (String f : new String[] {"husk.aot", "husk.key"}) {
            Files.deleteIfExists(dir.resolve(f));
        }
        Files.deleteIfExists(dir);
    }

    /** Fails when the build made a cache that the launcher cannot use: stale key, or refused by the JVM. */
    @Test
    void theBuiltCacheIsUsed() throws Exception {
        assumeTrue(Files.isRegularFile(BUILT.resolve("husk.aot")), "the build made no AOT cache (not root?)");
        Run r = husk(Map.of("HUSK_AOT", "require"), "--version");
        assertEquals(0, r.exit, "HUSK_AOT=require refused the cache the build made: " + r.err);
        assertTrue(r.out.startsWith("husk version"), r.out);
        // list is a short command: it maps husk-list.aot (or husk-short.aot) when the build made one.
        Run list = husk(Map.of("HUSK_AOT", "require"), "--root", dir.toString(), "list", "-q");
        assertEquals(0, list.exit, "HUSK_AOT=require refused the short commands' cache: " + list.err);
        // The others fail on a missing container, but after the JVM mapped their cache.
        for (String command : new String[] {"state", "start", "kill", "delete"}) {
            Run c = husk(Map.of("HUSK_AOT", "require"), "--root", dir.toString(), command, "no-such-container");
            assertEquals(1, c.exit, command + " under HUSK_AOT=require: " + c.err);
            assertTrue(c.err.contains("no-such-container") && !c.err.contains("AOT"), command + ": " + c.err);
        }
        // The build's index of plugin providers goes with the cache (it is valid under the same key), never alone.
        assertTrue(Files.isRegularFile(BUILT.resolve("providers")), "the build wrote the provider index");
        Run create = husk(Map.of("HUSK_LAUNCH_PRINT", "1"), "create", "x");
        assertTrue(create.out.contains("-Dhusk.providers=" + BUILT.resolve("providers")), create.out);
        Run off = husk(Map.of("HUSK_LAUNCH_PRINT", "1", "HUSK_AOT", "off"), "create", "x");
        assertTrue(!off.out.contains("-Dhusk.providers"), off.out);
    }

    /**
     * bin/husk's C fast path (husk-launch) and its shell code must build the same java command line, word for
     * word: the cache key, the cache chosen per command and the class path order all depend on it.
     */
    @Test
    void theCLauncherAndTheShellCodeAgree() throws Exception {
        assumeTrue(Files.isExecutable(HuskRunner.HOME.resolve("packaging/target/husk-launch")), "no husk-launch");
        String[][] lines = {{"--version"}, {"state", "x"}, {"--root", "/r", "--log-format", "json", "kill", "x", "9"},
            {"--log", "/l", "delete", "-f", "x"}, {"list"}, {"--root=/r", "start", "x"}, {"run-cleanup", "x"},
            {"create", "-b", "/b", "state"}, {"--debug", "exec", "x", "ls"}, {}, {"--root"}};
        String[] modes = {"auto", "off", "require", "key", "train=/t", "record=/t", "bogus"};
        for (String mode : modes) {
            for (String[] line : lines) {
                Map<String, String> env = Map.of("HUSK_AOT", mode, "HUSK_LAUNCH_PRINT", "1",
                        "HUSK_JAVA_OPTS", "-Dx=1 \t-Dy=2");
                Run c = husk(env, line);
                Run sh = husk(with(env, "HUSK_LAUNCHER", "sh"), line);
                String what = "HUSK_AOT=" + mode + " husk " + String.join(" ", line);
                assertEquals(sh.exit, c.exit, what + ": " + c.err + " / " + sh.err);
                assertEquals(sh.out, c.out, what);
                assertEquals(sh.err, c.err, what);
            }
        }
    }

    /**
     * bin/husk reached through a symlinked checkout whose name holds glob characters, a symlinked bin directory,
     * or a doubled slash (how dash passes a PATH entry ending in '/') starts husk, with the build's cache.
     */
    @Test
    void anyPathToTheCheckoutWorks() throws Exception {
        Path odd = Files.createSymbolicLink(dir.resolve("x[1] *"), HuskRunner.HOME);
        Path bin = Files.createSymbolicLink(dir.resolve("binlink"), HuskRunner.HOME.resolve("bin"));
        try {
            for (String launcher : new String[] {odd + "/bin/husk", bin + "/husk", HuskRunner.HOME + "/bin//husk"}) {
                Run r = husk(launcher, Map.of("HUSK_AOT", "require"), "--version");
                boolean cache = Files.isRegularFile(BUILT.resolve("husk.aot"));
                assertEquals(cache ? 0 : 125, r.exit, launcher + ": " + r.err);
                if (cache) {
                    assertTrue(r.out.startsWith("husk version"), launcher + ": " + r.out);
                }
            }
        } finally {
            Files.delete(odd);
            Files.delete(bin);
        }
    }

    /** No fixed limit on the command line: exec takes whatever argv the caller has. */
    @Test
    void longCommandLinesPassWhole() throws Exception {
        String[] args = new String[2000];
        for (int i = 0; i < args.length; i++) {
            args[i] = "a" + i;
        }
        Map<String, String> env = Map.of("HUSK_LAUNCH_PRINT", "1", "HUSK_JAVA_OPTS", "-Dx=1 ".repeat(700));
        Run c = husk(env, args);
        assertEquals(0, c.exit, c.err);
        assertTrue(c.out.endsWith("\na1999\n"), "the last argument arrives");
        assertEquals(700, countLines(c.out, "-Dx=1"), "every HUSK_JAVA_OPTS word arrives");
    }

    private static int countLines(String out, String line) {
        int n = 0;
        for (String l : out.split("\n")) {
            n += l.equals(line) ? 1 : 0;
        }
        return n;
    }

    private static Map<String, String> with(Map<String, String> env, String key, String value) {
        Map<String, String> m = new java.util.HashMap<>(env);
        m.put(key, value);
        return m;
    }

    @Test
    void aStaleKeyIsRefusedAndNeverReachesTheJvm() throws Exception {
        Files.write(dir.resolve("husk.aot"), new byte[4096]);
        String key = husk(Map.of("HUSK_AOT", "key")).out.strip();
        Files.writeString(dir.resolve("husk.key"), key.replaceFirst(" [0-9]+;", " 1;") + "\n");

        Run required = husk(Map.of("HUSK_AOT", "require", "HUSK_AOT_DIR", dir.toString()), "--version");
        assertEquals(125, required.exit, required.err);
        assertTrue(required.err.contains("stale"), required.err);

        Run auto = husk(Map.of("HUSK_AOT_DIR", dir.toString()), "--version");
        assertEquals(0, auto.exit, auto.err);
        assertTrue(auto.out.startsWith("husk version"), auto.out);
        assertTrue(auto.err.isEmpty(), "the stale cache was handed to the JVM: " + auto.err);
    }

    @Test
    void aCacheTheJvmCannotMapIsFatalWhenRequired() throws Exception {
        Files.write(dir.resolve("husk.aot"), new byte[4096]);
        Files.writeString(dir.resolve("husk.key"), husk(Map.of("HUSK_AOT", "key")).out);

        Run required = husk(Map.of("HUSK_AOT", "require", "HUSK_AOT_DIR", dir.toString()), "--version");
        assertNotEquals(0, required.exit);
        assertTrue(required.err.contains("AOT cache"), required.err);

        // Without require the JVM falls back; its complaint stays on stderr, stdout is husk's alone.
        Run auto = husk(Map.of("HUSK_AOT_DIR", dir.toString()), "--version");
        assertEquals(0, auto.exit, auto.err);
        assertTrue(auto.out.startsWith("husk version"), auto.out);
    }

    @Test
    void anUnknownModeIsRefused() throws Exception {
        Run r = husk(Map.of("HUSK_AOT", "sometimes"), "--version");
        assertEquals(125, r.exit);
        assertTrue(r.err.contains("HUSK_AOT=sometimes"), r.err);
    }

    private record Run(int exit, String out, String err) {
    }

    private Run husk(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return husk(HuskRunner.LAUNCHER.toString(), env, args);
    }

    private Run husk(String launcher, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(launcher);
            pb.command().addAll(java.util.List.of(args));
            pb.environment().remove("HUSK_AOT");
            pb.environment().remove("HUSK_AOT_DIR");
            pb.environment().remove("HUSK_LAUNCHER");
            pb.environment().putAll(env);
            Process p = pb.redirectInput(new File("/dev/null")).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("bin/husk did not finish in 60 s");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
