package io.husk.backend.cgroupfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Finds the cgroup hierarchies in a mountinfo file (proc(5)); Java has no cheap statfs, and this is as exact. */
public final class MountInfo {
    public static final Path SELF = Path.of("/proc/self/mountinfo");

    /** Super options that are mount flags, not controllers. */
    private static final Set<String> NOT_CONTROLLERS = Set.of("rw", "ro", "noprefix", "clone_children", "xattr",
            "cpuset_v2_mode", "favordynmods", "nsdelegate", "memory_recursiveprot", "memory_localevents",
            "memory_hugetlb_accounting", "pids_localevents", "all", "none");

    private MountInfo() {
    }

    /** The cgroup mounts of this process, each hierarchy once (the first mount of it wins). */
    public static List<CgroupMount> cgroupMounts() {
        return cgroupMounts(SELF);
    }

    public static List<CgroupMount> cgroupMounts(Path mountinfo) {
        try {
            return parse(CgroupFiles.lines(mountinfo));
        } catch (IOException e) {
            return List.of();
        }
    }

    public static List<CgroupMount> parse(List<String> lines) {
        List<CgroupMount> mounts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String line : lines) {
            CgroupMount mount = parseLine(line);
            if (mount != null && seen.add(mount.device())) {
                mounts.add(mount);
            }
        }
        return mounts;
    }

    /** Fields: id parent major:minor root mountpoint options [optional...] - fstype source superoptions. */
    static CgroupMount parseLine(String line) {
        if (!line.contains(" - cgroup")) {
            return null; // most lines; splitting them all shows in the start-up of every command
        }
        String[] words = line.split(" ");
        int dash = List.of(words).indexOf("-");
        if (dash < 6 || words.length < dash + 4) {
            return null;
        }
        String fsType = words[dash + 1];
        if (!fsType.equals("cgroup") && !fsType.equals("cgroup2")) {
            return null;
        }
        Set<String> controllers = fsType.equals("cgroup") ? controllers(words[dash + 3]) : Set.of();
        return new CgroupMount(Path.of(unescape(words[4])), unescape(words[3]), fsType, controllers, words[2]);
    }

    private static Set<String> controllers(String superOptions) {
        Set<String> controllers = new LinkedHashSet<>();
        for (String option : superOptions.split(",")) {
            boolean named = option.startsWith("name=");
            if (named || (!option.contains("=") && !NOT_CONTROLLERS.contains(option))) {
                controllers.add(option);
            }
        }
        return controllers;
    }

    /** mountinfo escapes space, tab, newline and backslash as \ooo. */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
