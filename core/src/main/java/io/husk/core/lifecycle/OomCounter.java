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
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("oom_kill ")) {
                    return Long.parseLong(line.substring("oom_kill ".length()).strip());
                }
            }
            return 0;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
