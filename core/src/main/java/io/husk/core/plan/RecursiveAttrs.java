package io.husk.core.plan;

import java.util.Map;

/**
 * The runtime-spec's recursive mount options ({@code rro}, {@code rnosuid}, ...) as mount_setattr(2)
 * {@code MOUNT_ATTR_*} bits to set and to clear on a mount and every mount below it.
 */
final class RecursiveAttrs {
    static final long RDONLY = 0x1, NOSUID = 0x2, NODEV = 0x4, NOEXEC = 0x8, ATIME_MASK = 0x70, RELATIME = 0,
            NOATIME = 0x10, STRICTATIME = 0x20, NODIRATIME = 0x80, NOSYMFOLLOW = 0x200000;

    /**
     * Option → {set, clear}. The kernel takes the atime mode as one field, so every atime option clears the whole
     * field; the negative forms ({@code ratime}, {@code rnorelatime}, {@code rnostrictatime}) return to the
     * kernel's default, relatime.
     */
    private static final Map<String, long[]> ATTRS = Map.ofEntries(
            Map.entry("rro", new long[] {RDONLY, 0}), Map.entry("rrw", new long[] {0, RDONLY}),
            Map.entry("rnosuid", new long[] {NOSUID, 0}), Map.entry("rsuid", new long[] {0, NOSUID}),
            Map.entry("rnodev", new long[] {NODEV, 0}), Map.entry("rdev", new long[] {0, NODEV}),
            Map.entry("rnoexec", new long[] {NOEXEC, 0}), Map.entry("rexec", new long[] {0, NOEXEC}),
            Map.entry("rnoatime", new long[] {NOATIME, ATIME_MASK}),
            Map.entry("ratime", new long[] {RELATIME, ATIME_MASK}),
            Map.entry("rrelatime", new long[] {RELATIME, ATIME_MASK}),
            Map.entry("rnorelatime", new long[] {RELATIME, ATIME_MASK}),
            Map.entry("rstrictatime", new long[] {STRICTATIME, ATIME_MASK}),
            Map.entry("rnostrictatime", new long[] {RELATIME, ATIME_MASK}),
            Map.entry("rnodiratime", new long[] {NODIRATIME, 0}), Map.entry("rdiratime", new long[] {0, NODIRATIME}),
            Map.entry("rnosymfollow", new long[] {NOSYMFOLLOW, 0}),
            Map.entry("rsymfollow", new long[] {0, NOSYMFOLLOW}));

    private RecursiveAttrs() {
    }

    /** {set, clear} for a recursive option, or null when the option is not one. */
    static long[] of(String option) {
        return ATTRS.get(option);
    }

    static java.util.Set<String> names() {
        return ATTRS.keySet();
    }

    /** Adds an option to {set, clear}: a later option wins over an earlier one for the same bits. */
    static void apply(long[] acc, long[] attr) {
        acc[0] = (acc[0] & ~attr[1] & ~attr[0]) | attr[0];
        acc[1] = (acc[1] & ~attr[0]) | attr[1];
    }
}
