package io.husk.core.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * What the kernel counts of OOM kills in the container's memory cgroup ("oom_kill" in v1 memory.oom_control, kernel
 * 4.13+, or in v2 memory.events), and whether the cgroup's own limit was reached. Read from whichever of the
 * container's directories holds the files.
 */
final class OomCounter {
    private final Path file;

    private OomCounter(Path file) {
        this.file = file;
    }

    /** Null when no hierarchy of the container has a memory controller to ask. */
    static OomCounter of(Collection<Path> directories) {
        for (Path dir : directories) {
            for (String name : new String[] {"memory.oom_control", "memory.events"}) {
                Path f = dir.resolve(name);
                if (Files.isReadable(f)) {
                    return new OomCounter(f);
                }
            }
        }
        return null;
    }

    /** What create reads before and after launching the init; -1 for what could not be read. */
    record Counts(long kills, long limitHits) {
    }

    Counts counts() {
        return new Counts(kills(), limitHits());
    }

    /**
     * The counts before the init runs, read on every create, so only what the comparison needs: v2's "max"
     * events; v1's peaks are reset instead (a cgroupsPath given may have reached its limit in the past), which
     * makes them not at the limit, without reading them and the ancestors' limits.
     */
    Counts start() {
        if (v2()) {
            return new Counts(kills(), count(file, "max "));
        }
        for (String name : new String[] {"memory.max_usage_in_bytes", "memory.memsw.max_usage_in_bytes"}) {
            try {
                Files.writeString(file.resolveSibling(name), "0");
            } catch (IOException e) {
                // without swap accounting there is no memsw file
            }
        }
        return new Counts(kills(), 0);
    }

    private boolean v2() {
        return file.getFileName().toString().equals("memory.events");
    }

    /** -1 once the cgroup is gone. */
    long kills() {
        return count(file, "oom_kill ");
    }

    /**
     * Whether the cgroup's own limit was reached, as a count to compare before and after: v2's "max" events; on
     * v1, 1 when the peak usage of memory or of memory+swap came within a charge of its limit (the kernel stopped
     * counting v1's failcnt). A parent's limit or the host running out kills in this cgroup too (its oom_kill
     * counts it) without either.
     */
    long limitHits() {
        if (v2()) {
            return count(file, "max ");
        }
        try {
            return atLimit("memory.max_usage_in_bytes", "memory.limit_in_bytes")
                    || atLimit("memory.memsw.max_usage_in_bytes", "memory.memsw.limit_in_bytes") ? 1 : 0;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Within one charge of the limit (up to a huge page, or half of a limit smaller than that), and the limit is
     * the one that binds: v1 raises a child's peak by a whole charge batch before a parent refuses it, so an
     * ancestor with a lower limit, which the container could never get past, is the one that ran out.
     */
    private boolean atLimit(String peakFile, String limitFile) throws IOException {
        Path peak = file.resolveSibling(peakFile);
        if (!Files.exists(peak)) {
            return false; // no swap accounting on this host
        }
        long limit = readLong(file.resolveSibling(limitFile));
        for (Path up = file.getParent().getParent(); up != null && Files.exists(up.resolve(limitFile));
                up = up.getParent()) {
            if (readLong(up.resolve(limitFile)) < limit) {
                return false;
            }
        }
        long slack = Math.min(2L << 20, limit / 2);
        return readLong(peak) >= limit - slack;
    }

    private static long readLong(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).strip());
    }

    private static long count(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).strip());
                }
            }
            return 0;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
