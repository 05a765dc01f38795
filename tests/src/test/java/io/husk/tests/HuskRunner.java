package io.husk.tests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the built {@code bin/husk} as a user would, with a private state root. */
public final class HuskRunner {
    public static final Path HOME = Path.of(System.getProperty("husk.home", "..")).toAbsolutePath().normalize();
    public static final Path LAUNCHER = HOME.resolve("bin/husk");

    private final Path root;

    public HuskRunner(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The result of one command. */
    public record Result(int exit, String out, String err) {
        public String errLine() {
            return err.strip();
        }
    }

    public Result run(String... args) {
        return run(null, args);
    }

    /** Runs husk with the given stdin file (or /dev/null) and waits up to a minute. */
    public Result run(Path stdin, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.add("--root");
        cmd.add(root.toString());
        cmd.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("husk-out", ".txt");
            Path err = Files.createTempFile("husk-err", ".txt");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                pb.redirectInput(stdin == null ? new File("/dev/null") : stdin.toFile());
                Process p = pb.start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("husk " + String.join(" ", args) + " did not finish in 60 s");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts husk without waiting (for tests that kill it). */
    public Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.add("--root");
        cmd.add(root.toString());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    public Result ok(String... args) {
        Result r = run(args);
        if (r.exit() != 0) {
            throw new AssertionError("husk " + String.join(" ", args) + " failed (" + r.exit() + "): " + r.err());
        }
        return r;
    }
}
