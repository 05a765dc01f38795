package io.husk.core.config;

import io.husk.core.HuskException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * uids and gids are 32-bit: the model reads them as Java longs, so the range is checked here, once for the
 * config, exec's flags and exec's process file. A value past 2^32 would wrap, and 4294967295 (-1 as uid_t) makes
 * setresuid(2) change nothing: either would leave the process running as root.
 */
public final class Ids {
    /** The largest id a process or a file can have; one more is the kernel's "no change". */
    public static final long MAX_ID = 4294967294L;
    /** Where a mapping must end: its start plus its size may reach 2^32-1, no further. */
    private static final long MAP_END = 4294967295L;
    /** UID_GID_MAP_MAX_EXTENTS: the kernel takes at most this many lines per map. */
    private static final int MAX_EXTENTS = 340;

    private Ids() {
    }

    public static void id(Long value, String field) {
        if (value != null && (value < 0 || value > MAX_ID)) {
            throw new HuskException(field + ": " + value + " is not a uid or gid (0 to " + MAX_ID + ")");
        }
    }

    public static void user(Spec.User u, String field) {
        if (u == null) {
            return;
        }
        id(u.uid(), field + ".uid");
        id(u.gid(), field + ".gid");
        if (u.umask() != null && (u.umask() < 0 || u.umask() > 0777)) {
            throw new HuskException(field + ".umask: " + u.umask() + " is not a umask (0 to 0777, that is 511)");
        }
        if (u.additionalGids() != null) {
            for (int i = 0; i < u.additionalGids().size(); i++) {
                id(u.additionalGids().get(i), field + ".additionalGids[" + i + "]"); // nulls: ConfigLoader
            }
        }
    }

    /** In a new user namespace the process's ids must be mapped, or setresuid(2) fails at start. */
    public static void mapped(Long id, List<Spec.IdMapping> maps, String field, String mapsField) {
        long v = id == null ? 0 : id;
        for (Spec.IdMapping m : maps) {
            if (v >= m.containerId() && v - m.containerId() < m.size()) {
                return;
            }
        }
        throw new HuskException(field + ": " + v + " is not mapped by " + mapsField);
    }

    /**
     * What the kernel checks when the map is written, said up front and naming the entry: a size of at least one,
     * ranges inside 32 bits, and no two entries overlapping on either side.
     */
    public static void mappings(List<Spec.IdMapping> maps, String field) {
        if (maps == null) {
            return;
        }
        if (maps.size() > MAX_EXTENTS) {
            throw new HuskException(field + ": " + maps.size() + " entries, the kernel takes at most " + MAX_EXTENTS);
        }
        for (int i = 0; i < maps.size(); i++) {
            Spec.IdMapping m = maps.get(i);
            String f = field + "[" + i + "]";
            if (m.size() < 1) {
                throw new HuskException(f + ".size: must be at least 1, got " + m.size());
            }
            inRange(m.containerId(), m.size(), f + ".containerID");
            inRange(m.hostId(), m.size(), f + ".hostID");
        }
        noOverlap(maps, field, Spec.IdMapping::containerId, "containerID");
        noOverlap(maps, field, Spec.IdMapping::hostId, "hostID");
    }

    /** Written without the sum, which a size near 2^63 would overflow. */
    private static void inRange(long start, long size, String field) {
        if (start < 0 || start > MAP_END || size > MAP_END - start) {
            throw new HuskException(field + ": " + start + " + size " + size + " leaves the 32-bit id range");
        }
    }

    private static void noOverlap(List<Spec.IdMapping> maps, String field,
                                  java.util.function.ToLongFunction<Spec.IdMapping> start, String side) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < maps.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong(i -> start.applyAsLong(maps.get(i))));
        for (int k = 1; k < order.size(); k++) {
            Spec.IdMapping prev = maps.get(order.get(k - 1));
            if (start.applyAsLong(prev) + prev.size() > start.applyAsLong(maps.get(order.get(k)))) {
                throw new HuskException(field + "[" + order.get(k) + "]." + side + ": overlaps " + field + "["
                        + order.get(k - 1) + "]");
            }
        }
    }
}
