package io.husk.backend.cgroupfs;

import java.nio.file.Path;
import java.util.Set;

/**
 * One cgroup hierarchy as /proc/self/mountinfo shows it.
 *
 * @param mountPoint  where it is mounted
 * @param root        the hierarchy path mounted there ("/" unless a sub-tree was bind-mounted)
 * @param fsType      "cgroup" (v1) or "cgroup2"
 * @param controllers v1 controllers from the super options, including "name=..." for named hierarchies; empty
 *                    for cgroup2 (its controllers are in cgroup.controllers)
 * @param device      major:minor, which identifies a hierarchy mounted several times
 */
public record CgroupMount(Path mountPoint, String root, String fsType, Set<String> controllers, String device) {

    public boolean unified() {
        return fsType.equals("cgroup2");
    }

    /** The name a container sees under its /sys/fs/cgroup: the mount directory's basename. */
    public String name() {
        Path file = mountPoint.getFileName();
        return file == null ? "" : file.toString();
    }

    /** The directory of a cgroup given by its path from the hierarchy root. */
    public Path dirOf(String cgroupPath) {
        String relative = cgroupPath;
        if (!root.equals("/") && (relative.equals(root) || relative.startsWith(root + "/"))) {
            relative = relative.substring(root.length());
        }
        relative = withoutLeadingSlashes(relative);
        return relative.isEmpty() ? mountPoint : mountPoint.resolve(relative).normalize();
    }

    /** A loop, not a regex: kill and delete resolve cgroup paths per hierarchy, interpreted (bin/husk). */
    static String withoutLeadingSlashes(String path) {
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++;
        }
        return path.substring(start);
    }
}
