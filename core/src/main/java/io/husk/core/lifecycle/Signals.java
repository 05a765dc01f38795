package io.husk.core.lifecycle;

import io.husk.core.HuskException;
import java.util.Locale;
import java.util.Map;

/** Signal names and numbers on Linux x86-64, as kill(1) and runc accept them. */
public final class Signals {
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("IOT", 6), Map.entry("BUS", 7),
            Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11),
            Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15),
            Map.entry("STKFLT", 16), Map.entry("CHLD", 17), Map.entry("CONT", 18), Map.entry("STOP", 19),
            Map.entry("TSTP", 20), Map.entry("TTIN", 21), Map.entry("TTOU", 22), Map.entry("URG", 23),
            Map.entry("XCPU", 24), Map.entry("XFSZ", 25), Map.entry("VTALRM", 26), Map.entry("PROF", 27),
            Map.entry("WINCH", 28), Map.entry("IO", 29), Map.entry("POLL", 29), Map.entry("PWR", 30),
            Map.entry("SYS", 31));

    static final int SIGKILL = 9, SIGTERM = 15;

    private Signals() {
    }

    /**
     * Sends sig to pid; false when the process is gone. TERM and KILL, nearly every signal a container manager
     * sends, go through {@link ProcessHandle}, which needs no native binding: loading JNR for one kill(2) costs
     * about 130 ms, three times a whole short command. Other signals go through libc.
     */
    static boolean send(int pid, int sig) {
        if (sig == 0) {
            return ProcessHandle.of(pid).isPresent(); // kill(pid, 0): only whether it is there
        }
        if (sig == SIGTERM || sig == SIGKILL) {
            java.util.Optional<ProcessHandle> p = ProcessHandle.of(pid);
            return p.isPresent() && (sig == SIGKILL ? p.get().destroyForcibly() : p.get().destroy());
        }
        return io.husk.nativeinit.Native.libc().kill(pid, sig) == 0;
    }

    /**
     * "KILL", "SIGKILL", "kill", "9", "RTMIN+3" → the number; 0 too, which only checks that the process is there
     * (runc passes it to kill(2)). Anything else is an error naming it.
     */
    public static int parse(String s) {
        String u = s.trim().toUpperCase(Locale.ROOT);
        if (u.startsWith("SIG")) {
            u = u.substring(3);
        }
        try {
            int n = Integer.parseInt(u);
            if (n >= 0 && n <= 64) {
                return n;
            }
        } catch (NumberFormatException e) {
            // a name
        }
        Integer n = NUMBERS.get(u);
        if (n != null) {
            return n;
        }
        if (u.startsWith("RTMIN") || u.startsWith("RTMAX")) {
            int base = u.startsWith("RTMIN") ? 34 : 64;
            String off = u.substring(5);
            try {
                int k = off.isEmpty() ? 0 : Integer.parseInt(off);
                int sig = base + k;
                if (sig >= 34 && sig <= 64) {
                    return sig;
                }
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new HuskException("unknown signal \"" + s + "\"");
    }

    /** "SIGKILL" for 9; "signal 40" for a number without a name of its own. */
    static String name(int sig) {
        return NUMBERS.entrySet().stream().filter(e -> e.getValue() == sig).map(e -> "SIG" + e.getKey())
                .sorted().findFirst().orElse("signal " + sig);
    }
}
