package io.husk.core.lifecycle;

import io.husk.core.HuskException;
import io.husk.core.state.ContainerState;
import io.husk.core.state.Status;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.CgroupManager;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code events}: stats of the container's cgroup in runc's envelope, once or every interval until the
 * container stops, plus an "oom" event each time the kernel's OOM kill counter of the cgroup grows.
 */
final class Events {
    /** How often a stream looks at the OOM counter and the status between two stats events. */
    private static final long POLL_MILLIS = 200;
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private Events() {
    }

    static void once(ContainerState s, Status st, CgroupManager cgroup, PrintStream out) {
        requireLive(s, st);
        out.println(EventJson.stats(s.id(), stats(s, cgroup)));
        out.flush();
    }

    static void stream(ContainerState s, Supplier<Status> status, CgroupManager cgroup, Duration interval,
                       PrintStream out) {
        requireLive(s, status.get());
        OomCounter oom = OomCounter.of(cgroup.directories().values());
        long seen = oom == null ? -1 : oom.kills();
        long next = System.nanoTime() + interval.toNanos();
        while (true) {
            // The OOM counter first: an OOM that killed the init must be told before the stream ends.
            if (oom != null) {
                seen = reportOoms(s.id(), oom, seen, out);
            }
            if (status.get() == Status.STOPPED) {
                return;
            }
            if (System.nanoTime() - next >= 0) {
                io.husk.spi.cgroup.Stats now;
                try {
                    now = stats(s, cgroup);
                } catch (HuskException e) {
                    if (status.get() == Status.STOPPED) {
                        return; // it stopped between the two looks: the stream ends, as it would have
                    }
                    throw e;
                }
                out.println(EventJson.stats(s.id(), now));
                out.flush();
                next += interval.toNanos();
            }
            sleep(Math.min(POLL_MILLIS, Math.max(1, interval.toMillis())));
        }
    }

    /** One "oom" event per kill the kernel counted since the last look. */
    private static long reportOoms(String id, OomCounter oom, long seen, PrintStream out) {
        long kills = oom.kills();
        if (kills < 0) {
            return seen;
        }
        for (long i = Math.max(seen, 0); i < kills; i++) {
            out.println(EventJson.oom(id));
        }
        out.flush();
        return Math.max(kills, seen);
    }

    /** Go's duration syntax, as runc's {@code --interval} takes it: "5s", "500ms", "1m30s". */
    static Duration parseInterval(String text) {
        Matcher m = DURATION.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            double n = Double.parseDouble(m.group(1));
            long unitNanos = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            total = total.plusNanos((long) (n * unitNanos));
            end = m.end();
        }
        if (end != text.length() || text.isEmpty()) {
            throw new HuskException("--interval: \"" + text + "\" is not a duration (like 5s, 500ms or 1m)");
        }
        if (total.isZero()) {
            throw new HuskException("--interval: must be greater than zero");
        }
        return total;
    }

    private static void requireLive(ContainerState s, Status st) {
        if (st == Status.STOPPED || st == Status.CREATING) {
            throw new HuskException("container " + s.id() + " is not running");
        }
    }

    private static io.husk.spi.cgroup.Stats stats(ContainerState s, CgroupManager cgroup) {
        try {
            return cgroup.stats();
        } catch (CgroupException e) {
            throw new HuskException("stats of " + s.id() + ": " + e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HuskException("events: interrupted");
        }
    }
}
