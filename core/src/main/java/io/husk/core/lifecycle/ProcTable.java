package io.husk.core.lifecycle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of {@code ps -ef} (UID PID PPID C STIME TTY TIME CMD) for given host pids, read from the host's
 * /proc. runc runs ps(1) and filters its output; reading /proc gives the same columns without a child process.
 */
final class ProcTable {
    static final String HEADER = row("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD");
    /** USER_HZ: the unit of the times in /proc/PID/stat, 100 on every Linux architecture husk runs on. */
    private static final double HZ = 100.0;

    private final Path proc;
    private final Map<Integer, String> users;
    private final long bootTime;
    private final double uptime;

    ProcTable(Path proc, Path passwd) throws IOException {
        this.proc = proc;
        this.users = users(passwd);
        this.bootTime = bootTime(proc);
        this.uptime = Double.parseDouble(Files.readString(proc.resolve("uptime")).split(" ")[0]);
    }

    /** The row of one process, or null if it exited meanwhile. */
    String row(int pid) {
        try {
            Path dir = proc.resolve(Integer.toString(pid));
            String stat = Files.readString(dir.resolve("stat"));
            String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long cpuTicks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            long startTicks = Long.parseLong(f[19]);
            double elapsed = uptime - startTicks / HZ;
            long cpuPercent = elapsed <= 0 ? 0 : (long) (cpuTicks / HZ * 100 / elapsed);
            return row(user(dir), Integer.toString(pid), f[1], Long.toString(cpuPercent),
                    startTime(bootTime + (long) (startTicks / HZ)), tty(Integer.parseInt(f[4])),
                    cpuTime((long) (cpuTicks / HZ)), command(dir, comm));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String row(String uid, String pid, String ppid, String c, String stime, String tty,
                              String time, String cmd) {
        return String.format("%-8s %7s %7s %2s %5s %-8s %8s %s", uid, pid, ppid, c, stime, tty, time, cmd);
    }

    private String user(Path dir) throws IOException {
        for (String line : Files.readAllLines(dir.resolve("status"))) {
            if (line.startsWith("Uid:")) {
                int uid = Integer.parseInt(line.substring(4).strip().split("\\s+")[1]); // effective uid
                return users.getOrDefault(uid, Integer.toString(uid));
            }
        }
        return "?";
    }

    /** HH:mm today, MMMdd this year, the year before that, as ps shows it. */
    static String startTime(long epochSecond) {
        ZoneId zone = ZoneId.systemDefault();
        LocalDateTime start = LocalDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), zone);
        LocalDateTime now = LocalDateTime.now(zone);
        String pattern = start.toLocalDate().equals(now.toLocalDate()) ? "HH:mm"
                : start.getYear() == now.getYear() ? "MMMdd" : "yyyy";
        return start.format(DateTimeFormatter.ofPattern(pattern, Locale.ROOT));
    }

    /** [D-]HH:MM:SS of cpu time. */
    static String cpuTime(long seconds) {
        long days = seconds / 86400;
        String hms = String.format("%02d:%02d:%02d", seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
        return days > 0 ? days + "-" + hms : hms;
    }

    /** The controlling terminal from tty_nr: pts (majors 136-143), tty and ttyS (major 4), "?" for none. */
    static String tty(int ttyNr) {
        int major = (ttyNr >> 8) & 0xfff;
        int minor = (ttyNr & 0xff) | ((ttyNr >> 12) & 0xfff00);
        if (ttyNr == 0) {
            return "?";
        }
        if (major >= 136 && major <= 143) {
            return "pts/" + ((major - 136) * 256 + minor);
        }
        if (major == 4) {
            return minor < 64 ? "tty" + minor : "ttyS" + (minor - 64);
        }
        return major + "," + minor;
    }

    private static String command(Path dir, String comm) throws IOException {
        byte[] raw = Files.readAllBytes(dir.resolve("cmdline"));
        if (raw.length == 0) {
            return "[" + comm + "]"; // kernel threads and zombies have no argv
        }
        return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
    }

    private static long bootTime(Path proc) throws IOException {
        for (String line : Files.readAllLines(proc.resolve("stat"))) {
            if (line.startsWith("btime ")) {
                return Long.parseLong(line.substring(6).strip());
            }
        }
        throw new IOException("no btime in " + proc.resolve("stat"));
    }

    private static Map<Integer, String> users(Path passwd) {
        Map<Integer, String> names = new HashMap<>();
        try {
            for (String line : Files.readAllLines(passwd)) {
                String[] f = line.split(":");
                if (f.length > 2) {
                    names.putIfAbsent(Integer.parseInt(f[2]), f[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no names: ps shows numbers too when it cannot resolve them
        }
        return names;
    }
}
