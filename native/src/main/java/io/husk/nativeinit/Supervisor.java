package io.husk.nativeinit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hands a foreground {@code run} or {@code exec} over to husk-init's supervisor, replacing this JVM. */
public final class Supervisor {
    private Supervisor() {
    }

    /**
     * Replaces the current process with {@code husk-init supervise}. It waits for {@code pid} (our child),
     * forwards signals to it or, when {@code consoleFd} is not -1, relays the terminal whose master arrives on
     * that socket; then it executes {@code cleanup} with HUSK_EXIT_STATUS set, or exits with the status when
     * {@code cleanup} is empty. Returns only on failure.
     */
    public static IOException become(int pid, int consoleFd, List<String> cleanup) {
        try {
            if (consoleFd >= 0) {
                ConsoleSockets.inheritable(consoleFd);
            }
            List<String> argv = new ArrayList<>();
            argv.add("husk-init");
            argv.add("supervise");
            argv.add(Integer.toString(pid));
            argv.add(Integer.toString(consoleFd));
            argv.addAll(cleanup);
            List<String> env = new ArrayList<>();
            for (Map.Entry<String, String> e : System.getenv().entrySet()) {
                env.add(e.getKey() + "=" + e.getValue());
            }
            Native.libc().execve(HelperBinary.path(), argv.toArray(String[]::new), env.toArray(String[]::new));
            return new IOException(Native.error("execute the husk-init supervisor"));
        } catch (IOException e) {
            return e;
        }
    }
}
