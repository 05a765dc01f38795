package io.husk.core.plan;

import io.husk.core.HuskException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OCI mount options as mount(2) understands them: flags to set or clear, propagation, and the rest, which
 * go to the filesystem as its data string (tmpfs {@code mode=}, devpts {@code newinstance} ...).
 */
public final class MountOptions {
    public static final long MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_SYNCHRONOUS = 16,
            MS_REMOUNT = 32, MS_MANDLOCK = 64, MS_DIRSYNC = 128, MS_NOSYMFOLLOW = 256, MS_NOATIME = 1024,
            MS_NODIRATIME = 2048, MS_BIND = 4096, MS_MOVE = 8192, MS_REC = 16384, MS_SILENT = 32768,
            MS_UNBINDABLE = 1 << 17, MS_PRIVATE = 1 << 18, MS_SLAVE = 1 << 19, MS_SHARED = 1 << 20,
            MS_RELATIME = 1 << 21, MS_STRICTATIME = 1 << 24;

    /** Option → {set, clear} bits. */
    private static final Map<String, long[]> FLAGS = Map.ofEntries(
            Map.entry("ro", new long[] {MS_RDONLY, 0}), Map.entry("rw", new long[] {0, MS_RDONLY}),
            Map.entry("nosuid", new long[] {MS_NOSUID, 0}), Map.entry("suid", new long[] {0, MS_NOSUID}),
            Map.entry("nodev", new long[] {MS_NODEV, 0}), Map.entry("dev", new long[] {0, MS_NODEV}),
            Map.entry("noexec", new long[] {MS_NOEXEC, 0}), Map.entry("exec", new long[] {0, MS_NOEXEC}),
            Map.entry("sync", new long[] {MS_SYNCHRONOUS, 0}), Map.entry("async", new long[] {0, MS_SYNCHRONOUS}),
            Map.entry("dirsync", new long[] {MS_DIRSYNC, 0}), Map.entry("remount", new long[] {MS_REMOUNT, 0}),
            Map.entry("mand", new long[] {MS_MANDLOCK, 0}), Map.entry("nomand", new long[] {0, MS_MANDLOCK}),
            Map.entry("noatime", new long[] {MS_NOATIME, 0}), Map.entry("atime", new long[] {0, MS_NOATIME}),
            Map.entry("nodiratime", new long[] {MS_NODIRATIME, 0}),
            Map.entry("diratime", new long[] {0, MS_NODIRATIME}),
            Map.entry("relatime", new long[] {MS_RELATIME, 0}), Map.entry("norelatime", new long[] {0, MS_RELATIME}),
            Map.entry("strictatime", new long[] {MS_STRICTATIME, 0}),
            Map.entry("nostrictatime", new long[] {0, MS_STRICTATIME}),
            Map.entry("nosymfollow", new long[] {MS_NOSYMFOLLOW, 0}),
            Map.entry("symfollow", new long[] {0, MS_NOSYMFOLLOW}),
            Map.entry("bind", new long[] {MS_BIND, 0}), Map.entry("rbind", new long[] {MS_BIND | MS_REC, 0}));

    private static final Map<String, Long> PROPAGATION = Map.of(
            "private", MS_PRIVATE, "rprivate", MS_PRIVATE | MS_REC, "shared", MS_SHARED,
            "rshared", MS_SHARED | MS_REC, "slave", MS_SLAVE, "rslave", MS_SLAVE | MS_REC,
            "unbindable", MS_UNBINDABLE, "runbindable", MS_UNBINDABLE | MS_REC);

    /** The runtime-spec's options that are none of the above: id-mapped binds and tmpfs copy-up. */
    public static final String IDMAP = "idmap", RIDMAP = "ridmap", TMPCOPYUP = "tmpcopyup";

    /** The parsed form of one mount's options; {@code attrSet}/{@code attrClr} are recursive attributes. */
    public record Parsed(long flags, long propagation, String data, boolean bind, long attrSet, long attrClr,
                         Idmap idmap, boolean copyUp) {
        public boolean recursive() {
            return attrSet != 0 || attrClr != 0;
        }
    }

    /** Whether a bind is idmapped, and whether the mapping reaches its submounts. */
    public enum Idmap { NONE, TOP, RECURSIVE }

    private MountOptions() {
    }

    /**
     * Sorts each option into mount flags, propagation, recursive attributes or filesystem data. What is none of
     * these and not data the filesystem {@code type} takes is refused by name: the kernel would either reject it
     * with a bare EINVAL or, for a bind mount, silently ignore it.
     */
    public static Parsed parse(List<String> options, String type, String field) {
        long flags = 0, propagation = 0;
        long[] attrs = {0, 0};
        Idmap idmap = Idmap.NONE;
        boolean copyUp = false;
        List<String> data = new ArrayList<>();
        for (String o : options == null ? List.<String>of() : options) {
            long[] f = FLAGS.get(o);
            Long p = PROPAGATION.get(o);
            long[] r = RecursiveAttrs.of(o);
            if (f != null) {
                flags = (flags | f[0]) & ~f[1];
            } else if (p != null) {
                propagation = p;
            } else if (r != null) {
                RecursiveAttrs.apply(attrs, r);
            } else if (IDMAP.equals(o) || RIDMAP.equals(o)) {
                idmap = RIDMAP.equals(o) ? Idmap.RECURSIVE : Idmap.TOP;
            } else if (TMPCOPYUP.equals(o)) {
                copyUp = true;
            } else if (o == null || o.isEmpty()) {
                throw new HuskException(field + ": an empty mount option");
            } else {
                data.add(o);
            }
        }
        boolean bind = (flags & MS_BIND) != 0 || "bind".equals(type);
        FsData.check(bind ? "bind" : type, data, field);
        if (copyUp && (bind || !"tmpfs".equals(type))) {
            throw new HuskException(field + ": tmpcopyup needs a tmpfs mount");
        }
        return new Parsed(flags, propagation, String.join(",", data), bind, attrs[0], attrs[1], idmap, copyUp);
    }

    /**
     * Every option {@link #parse} recognises itself, sorted (the features document's {@code mountOptions});
     * filesystem data such as {@code mode=} is the filesystem's to recognise and is not listed.
     */
    public static List<String> names() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>(FLAGS.keySet());
        names.addAll(PROPAGATION.keySet());
        names.addAll(RecursiveAttrs.names());
        names.addAll(List.of(IDMAP, RIDMAP, TMPCOPYUP));
        return List.copyOf(names);
    }

    /** The propagation flags of {@code linux.rootfsPropagation}, or null for an unknown value. */
    public static Long propagation(String name) {
        return PROPAGATION.get(name);
    }
}
