package io.husk.core.lifecycle;

import io.husk.core.HuskException;
import io.husk.core.log.Log;
import io.husk.core.state.HostMounts;
import io.husk.nativeinit.Native;
import io.husk.spi.IoErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The host's mount table as {@code /proc/self/mountinfo} shows it, for containers without a mount namespace:
 * what was mounted under a root before create, and the removal of everything mounted there since.
 */
final class MountTable {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");
    private static final int MNT_DETACH = 2, UMOUNT_NOFOLLOW = 8;
    private static final int ENOENT = 2, EINVAL = 22;

    /** One line of mountinfo: the mount's id, its parent's id and where it is mounted. */
    record Entry(int id, int parent, String mountPoint) {
    }

    private MountTable() {
    }

    /** What to record before create mounts anything under root. */
    static HostMounts before(Path root) {
        String real = realPath(root).toString();
        if (real.equals("/")) { // delete would take every mount made on the host meanwhile for the container's
            throw new HuskException("root.path: without a mount namespace the root cannot be the host's /");
        }
        return new HostMounts(real, under(read(), real).stream().map(Entry::id).toList());
    }

    /**
     * Detaches every mount under the recorded root except those that were there before create, children
     * before their parents. Lazy (MNT_DETACH): a file still open somewhere does not keep a mount in the table.
     */
    static void release(HostMounts h) {
        List<Entry> all = read();
        Set<Integer> kept = new HashSet<>(h.kept());
        List<Entry> ours = under(all, h.root()).stream().filter(e -> !kept.contains(e.id())).toList();
        List<String> failed = new ArrayList<>();
        for (Entry e : deepestFirst(all, ours)) {
            if (Native.libc().umount2(e.mountPoint(), MNT_DETACH | UMOUNT_NOFOLLOW) == 0) {
                Log.debug("unmounted " + e.mountPoint());
                continue;
            }
            int errno = Native.errno();
            if (errno != EINVAL && errno != ENOENT) { // else already gone with its parent
                failed.add(e.mountPoint() + ": " + Native.libc().strerror(errno));
            }
        }
        if (!failed.isEmpty()) {
            throw new HuskException("unmount " + String.join(", ", failed));
        }
    }

    static List<Entry> read() {
        try {
            // Decoded leniently: a path that is not UTF-8 must not hide the other lines.
            return parse(new String(Files.readAllBytes(MOUNTINFO), StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            throw new HuskException("read " + MOUNTINFO + ": " + IoErrors.reason(e));
        }
    }

    /** Lines of mountinfo(5): "id parent major:minor root mount-point options ...". */
    static List<Entry> parse(List<String> lines) {
        List<Entry> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(" ", 6);
            if (f.length >= 5) {
                out.add(new Entry(Integer.parseInt(f[0]), Integer.parseInt(f[1]), unescape(f[4])));
            }
        }
        return out;
    }

    /** The mounts on root itself or below it. */
    static List<Entry> under(List<Entry> all, String root) {
        String prefix = root.endsWith("/") ? root : root + "/";
        return all.stream().filter(e -> e.mountPoint().equals(root) || e.mountPoint().startsWith(prefix)).toList();
    }

    /**
     * Orders the chosen mounts by their depth in the mount tree, deepest first: every mount comes before the
     * one it sits on, including a mount stacked on the same path.
     */
    static List<Entry> deepestFirst(List<Entry> all, List<Entry> chosen) {
        Map<Integer, Integer> parents = new HashMap<>();
        for (Entry e : all) {
            parents.put(e.id(), e.parent());
        }
        Map<Integer, Integer> depth = new HashMap<>();
        for (Entry e : chosen) {
            int d = 0;
            Integer p = e.id();
            while (parents.containsKey(p) && !p.equals(parents.get(p)) && d <= all.size()) { // a cycle ends too
                p = parents.get(p);
                d++;
            }
            depth.put(e.id(), d);
        }
        return chosen.stream().sorted(Comparator.comparingInt((Entry e) -> depth.get(e.id())).reversed()).toList();
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes ("\040"). */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }

    /** The path with symlinks resolved as far as it exists (mountinfo shows resolved paths). */
    static Path realPath(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }
}
