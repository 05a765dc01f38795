package io.husk.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Looks for anything a container left on the host: state, cgroups, mounts, processes. */
public final class Traces {
    private Traces() {
    }

    /** Every trace of container id (state under root, cgroup dirs, mounts of the bundle, processes). */
    public static List<String> of(String id, Path root, Path bundle) throws IOException {
        List<String> found = new ArrayList<>();
        if (Files.exists(root.resolve(id))) {
            found.add("state directory " + root.resolve(id));
        }
        found.addAll(cgroupDirs(id));
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            if (bundle != null && line.contains(bundle.toString())) {
                found.add("mount " + line);
            }
        }
        found.addAll(processesIn("/husk/" + id));
        return found;
    }

    static List<String> cgroupDirs(String id) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> hier = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path h : hier.toList()) {
                Path d = h.resolve("husk").resolve(id);
                if (Files.isDirectory(d)) {
                    out.add("cgroup " + d);
                }
            }
        }
        if (Files.isDirectory(Path.of("/sys/fs/cgroup/husk", id))) {
            out.add("cgroup /sys/fs/cgroup/husk/" + id);
        }
        return out;
    }

    static List<String> processesIn(String cgroupSuffix) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.toList()) {
                if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    for (String line : Files.readAllLines(p.resolve("cgroup"))) {
                        if (line.endsWith(cgroupSuffix)) {
                            out.add("process " + p.getFileName());
                            break;
                        }
                    }
                } catch (IOException e) {
                    // exited meanwhile
                }
            }
        }
        return out;
    }
}
