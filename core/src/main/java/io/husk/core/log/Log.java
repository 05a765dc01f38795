package io.husk.core.log;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

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
        String time = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC));
        String name = level.name().toLowerCase(java.util.Locale.ROOT);
        if (json) {
            out.println("{\"level\":\"" + name + "\",\"msg\":" + quote(msg) + ",\"time\":\"" + time + "\"}");
        } else {
            out.println("time=\"" + time + "\" level=" + name + " msg=" + quote(msg));
        }
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
