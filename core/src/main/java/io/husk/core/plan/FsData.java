package io.husk.core.plan;

import io.husk.core.HuskException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which mount options may go to a filesystem as its data string. {@code key=value} options are the filesystem's
 * own parameters and pass (the kernel names a bad one in its own error); a bare word passes only when it is a
 * known flag parameter of that filesystem, so a misspelt or unknown option is refused by name instead of being
 * silently ignored by a bind mount or rejected with a bare EINVAL.
 */
final class FsData {
    /** Bare-word parameters per filesystem type, from the kernels' fs_parameter tables. */
    private static final Map<String, Set<String>> WORDS = Map.of(
            "tmpfs", Set.of("inode32", "inode64", "noswap", "quota", "usrquota", "grpquota"),
            "devpts", Set.of("newinstance"),
            "overlay", Set.of("userxattr", "volatile"));

    private FsData() {
    }

    static void check(String type, List<String> data, String field) {
        for (String o : data) {
            if (type.equals("bind") && o.contains("=")) {
                // Configs written for runc carry tmpfs-style data such as mode=755 on binds; mount(2) ignores
                // data for a bind, so does runc. Say so instead of refusing a config that works elsewhere.
                io.husk.core.log.Log.warn(field + ": \"" + o + "\" has no effect on a bind mount");
                continue;
            }
            if (type.equals("bind")) {
                throw new HuskException(field + ": \"" + o + "\" is not a mount option husk knows"
                        + " (a bind mount takes no filesystem data)");
            }
            if (type.equals("cgroup") || type.equals("cgroup2")) {
                throw new HuskException(field + ": \"" + o + "\" is not supported on a cgroup mount"
                        + " (husk shows the container's own cgroups)");
            }
            if (!o.contains("=") && !WORDS.getOrDefault(type, Set.of()).contains(o)) {
                throw new HuskException(field + ": \"" + o + "\" is not a mount option husk knows");
            }
        }
    }
}
