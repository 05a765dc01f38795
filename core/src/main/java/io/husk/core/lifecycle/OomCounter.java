package io.husk.core.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * The kernel's count of OOM kills in the container's memory cgroup: "oom_kill" in v1 memory.oom_control
 * (kernel 4.13+) or in v2 memory.events. Read from whichever of the container's directories holds the file.
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

    /** -1 once the cgroup is gone. */
    long kills() {
        return count(file, "oom_kill ");
    }

    /**
     * How often the cgroup's own limit was reached: v1's memory.failcnt, v2's "max" event. A parent's limit or
     * the host running out kills in this cgroup too (its oom_kill counts it) without moving this one.
     */
    long limitHits() {
        if (file.getFileName().toString().equals("memory.events")) {
            return count(file, "max ");
        }
        try {
            return Long.parseLong(Files.readString(file.resolveSibling("memory.failcnt")).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
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
