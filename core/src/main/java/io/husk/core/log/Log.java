package io.husk.core.log;

import io.husk.core.json.JsonText;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * husk's log, in runc's formats: text lines, or JSON lines with {@code level}, {@code msg} and {@code time}
 * (RFC 3339) that containerd and podman parse. It goes to {@code --log} or, without it, to stderr.
 */
public final class Log {
    public enum Level { DEBUG, INFO, WARNING, ERROR }

    private static Level threshold = Level.INFO;
    private static boolean json;
    private static PrintStream out = System.err;
    private static boolean toFile;

    private Log() {
    }

    public static void configure(String file, String format, boolean debug) throws IOException {
        json = "json".equals(format);
        threshold = debug ? Level.DEBUG : Level.INFO;
        if (file != null && !file.isEmpty()) {
            OutputStream os = new FileOutputStream(file, true);
            out = new PrintStream(os, true, StandardCharsets.UTF_8);
            toFile = true;
        }
    }

    public static boolean debugEnabled() {
        return threshold == Level.DEBUG;
    }

    public static boolean toFile() {
        return toFile;
    }

    public static void debug(String msg) {
        write(Level.DEBUG, msg);
    }

    public static void info(String msg) {
        write(Level.INFO, msg);
    }

    public static void warn(String msg) {
        write(Level.WARNING, msg);
    }

    public static void error(String msg) {
        write(Level.ERROR, msg);
    }

    /** A line from husk-init's log pipe: "level text". */
    public static void helperLine(String line) {
        int sp = line.indexOf(' ');
        String level = sp < 0 ? "debug" : line.substring(0, sp);
        String msg = "husk-init: " + (sp < 0 ? line : line.substring(sp + 1));
        switch (level) {
            case "error" -> error(msg);
            case "warning" -> warn(msg);
            case "info" -> info(msg);
            default -> debug(msg);
        }
    }

    public static synchronized void write(Level level, String msg) {
        if (level.ordinal() < threshold.ordinal()) {
            return;
        }
        String time = timestamp(Instant.now());
        String name = level.name().toLowerCase(java.util.Locale.ROOT);
        if (json) {
            out.println("{\"level\":\"" + name + "\",\"msg\":" + JsonText.quote(msg) + ",\"time\":\"" + time + "\"}");
        } else {
            out.println("time=\"" + time + "\" level=" + name + " msg=" + JsonText.quote(msg));
        }
    }

    /**
     * RFC 3339 in UTC with nanoseconds, trailing zeros dropped, as runc's logs have it. Put together by hand:
     * java.time.format's formatter builds itself from dozens of classes on first use, which every failing
     * command would pay at start-up.
     */
    static String timestamp(Instant now) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(now.getEpochSecond(), now.getNano(), ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(32);
        pad(b, t.getYear(), 4).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append('T');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2);
        if (t.getNano() > 0) {
            pad(b.append('.'), t.getNano(), 9);
            while (b.charAt(b.length() - 1) == '0') {
                b.setLength(b.length() - 1);
            }
        }
        return b.append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(digits);
    }
}
