package io.husk.core.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about a host process read from /proc/PID/stat. */
public record ProcStat(char state, int ppid, long startTime) {

    /** The process's stat, or null when it does not exist. */
    public static ProcStat of(int pid) {
        if (pid <= 0) {
            return null;
        }
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name may hold spaces and parentheses; the fields after the last ')' are fixed.
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return new ProcStat(f[0].charAt(0), Integer.parseInt(f[1]), Long.parseLong(f[19]));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * This JVM's pid, from /proc/self. Not {@code ProcessHandle.current()}: its class starts a process-reaper
     * thread pool on first use, milliseconds of a command that never waits for a child.
     */
    public static long self() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
        } catch (IOException | NumberFormatException e) {
            return ProcessHandle.current().pid();
        }
    }

    /** True when pid is the same live process that had startTime (not a zombie, not a reused pid). */
    public static boolean alive(int pid, long startTime) {
        ProcStat st = of(pid);
        return st != null && st.startTime == startTime && st.state != 'Z' && st.state != 'X';
    }
}
