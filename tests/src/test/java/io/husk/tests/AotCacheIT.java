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
        // list is a short command: it maps husk-short.aot when the build made one.
        Run list = husk(Map.of("HUSK_AOT", "require"), "--root", dir.toString(), "list", "-q");
        assertEquals(0, list.exit, "HUSK_AOT=require refused the short commands' cache: " + list.err);
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
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(HuskRunner.LAUNCHER.toString());
            pb.command().addAll(java.util.List.of(args));
            pb.environment().remove("HUSK_AOT");
            pb.environment().remove("HUSK_AOT_DIR");
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
