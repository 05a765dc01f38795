package io.husk.core.hooks;

import io.husk.core.HuskException;
import io.husk.core.config.Spec;
import io.husk.core.log.Log;
import io.husk.nativeinit.HelperBinary;
import io.husk.spi.IoErrors;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the hooks husk runs itself (prestart, createRuntime, poststart, poststop) in the runtime's namespaces,
 * in listed order. Each gets exactly its own env, the state JSON on stdin (a hook that exits without reading
 * it is not a failure) and its timeout; its output is kept to explain a failure.
 *
 * <p>The JDK starts a program with argv[0] equal to its path, so hooks go through {@code husk-init exec-as},
 * which executes the hook's path with the hook's own args, {@code args[0]} included (busybox needs it).
 */
public final class HookRunner {
    private static final int OUTPUT_TAIL = 400;

    private HookRunner() {
    }

    /** Runs the hooks of a phase that must succeed; the first failure throws, naming the hook. */
    public static void runOrFail(HookPhase phase, Spec spec, String state) {
        List<Spec.Hook> hooks = phase.of(spec);
        for (int i = 0; i < hooks.size(); i++) {
            String failure = run(phase, i, hooks.get(i), state);
            if (failure != null) {
                throw new HuskException(failure);
            }
        }
    }

    /** Runs every hook of a phase whose failure is only a warning (poststart, poststop). */
    public static void runWarning(HookPhase phase, Spec spec, String state) {
        List<Spec.Hook> hooks = phase.of(spec);
        for (int i = 0; i < hooks.size(); i++) {
            String failure = run(phase, i, hooks.get(i), state);
            if (failure != null) {
                Log.warn(failure);
            }
        }
    }

    /** Runs one hook; returns null on success, or a one-line description of the failure. */
    static String run(HookPhase phase, int index, Spec.Hook hook, String state) {
        String name = phase.specName() + " hook #" + index + " (" + hook.path() + ")";
        Path output = null;
        try {
            output = Files.createTempFile("husk-hook", ".out");
            Process p = start(hook, output);
            feed(p, state);
            int timeout = hook.timeout() == null ? 0 : hook.timeout();
            boolean done = timeout > 0 ? p.waitFor(timeout, TimeUnit.SECONDS) : p.waitFor() >= 0;
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly); // what the hook started dies with it
                p.destroyForcibly().waitFor();
                return name + " timed out after " + timeout + " s" + tail(output);
            }
            return p.exitValue() == 0 ? null : name + " failed with status " + p.exitValue() + tail(output);
        } catch (IOException e) {
            return name + " could not run: " + IoErrors.describe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return name + " was interrupted";
        } finally {
            deleteQuietly(output);
        }
    }

    /** Through {@code husk-init exec-as}, which gives the hook its own argv[0]. */
    private static Process start(Spec.Hook hook, Path output) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(HelperBinary.path().replace("/proc/self/", "/proc/" + ProcessHandle.current().pid() + "/"));
        cmd.add("exec-as");
        cmd.add(hook.path());
        cmd.addAll(hook.args() == null || hook.args().isEmpty() ? List.of(hook.path()) : hook.args());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        Map<String, String> env = pb.environment();
        env.clear();
        if (hook.env() != null) {
            for (String kv : hook.env()) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    env.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        return pb.start();
    }

    /** Writes the state; a hook that closed its stdin early (EPIPE) is none of our business. */
    private static void feed(Process p, String state) {
        try (OutputStream in = p.getOutputStream()) {
            in.write(state.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            Log.debug("hook stdin: " + e.getMessage());
        }
    }

    private static String tail(Path output) {
        try {
            String s = Files.readString(output, StandardCharsets.UTF_8).strip();
            if (s.isEmpty()) {
                return "";
            }
            s = s.length() > OUTPUT_TAIL ? "..." + s.substring(s.length() - OUTPUT_TAIL) : s;
            return ": " + s.replace('\n', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                Log.debug("remove " + p + ": " + e.getMessage());
            }
        }
    }
}
