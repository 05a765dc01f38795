package io.husk.backend.cgroupv1;

import static io.husk.backend.cgroupfs.CgroupFiles.write;

import io.husk.backend.cgroupfs.CgroupFiles;
import io.husk.backend.cgroupfs.Controller;
import io.husk.backend.cgroupfs.Fields;
import io.husk.backend.cgroupfs.StatsBuilder;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.Resources;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** memory.limit_in_bytes and memory.memsw.limit_in_bytes (OCI's swap is this memory+swap total), and the rest. */
final class MemoryV1 implements Controller {
    static final String LIMIT = "memory.limit_in_bytes";
    static final String MEMSW = "memory.memsw.limit_in_bytes";

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public List<String> fields(Resources r) {
        return Fields.memory(r);
    }

    @Override
    public void validate(Resources r, Path hierarchy) throws CgroupException {
        Resources.Memory m = r.memory();
        requireFile(hierarchy, m.swap() != null && m.swap() != 0, "swap", MEMSW,
                "swap accounting is off on this host");
        requireFile(hierarchy, m.kernel() != null, "kernel", "memory.kmem.limit_in_bytes", "this kernel has none");
        requireFile(hierarchy, m.kernelTcp() != null, "kernelTCP", "memory.kmem.tcp.limit_in_bytes",
                "this kernel has none");
        if (m.swappiness() != null && m.swappiness() > 100) {
            throw CgroupException.about(Fields.PREFIX + "memory.swappiness", m.swappiness() + " is outside 0..100");
        }
        if (m.limit() != null && m.swap() != null && m.limit() > 0 && m.swap() > 0 && m.swap() < m.limit()) {
            throw CgroupException.about(Fields.PREFIX + "memory.swap", m.swap() + " is below "
                    + Fields.PREFIX + "memory.limit " + m.limit() + " (swap is the memory+swap total)");
        }
    }

    private static void requireFile(Path hierarchy, boolean wanted, String field, String file, String why)
            throws CgroupException {
        if (wanted && !CgroupFiles.exists(hierarchy, file)) {
            throw CgroupException.about(Fields.PREFIX + "memory." + field, why + " (no " + file + ")");
        }
    }

    @Override
    public void apply(Path dir, Resources r) throws CgroupException {
        Resources.Memory m = r.memory();
        writeLimits(dir, m);
        if (m.reservation() != null) {
            write(dir, "memory.soft_limit_in_bytes", Long.toString(m.reservation()));
        }
        if (m.kernel() != null) {
            write(dir, "memory.kmem.limit_in_bytes", Long.toString(m.kernel()));
        }
        if (m.kernelTcp() != null) {
            write(dir, "memory.kmem.tcp.limit_in_bytes", Long.toString(m.kernelTcp()));
        }
        // runc's rule: a negative swappiness (uint64 max in config.json) means "leave it alone".
        if (m.swappiness() != null && m.swappiness() >= 0) {
            write(dir, "memory.swappiness", Long.toString(m.swappiness()));
        }
        if (m.disableOomKiller() != null) {
            write(dir, "memory.oom_control", m.disableOomKiller() ? "1" : "0");
        }
        if (m.useHierarchy() != null) {
            write(dir, "memory.use_hierarchy", m.useHierarchy() ? "1" : "0");
        }
    }

    /**
     * The kernel keeps memsw at or above the limit at every moment, so when memsw grows it is written first,
     * and when it shrinks the limit goes first.
     */
    private static void writeLimits(Path dir, Resources.Memory m) throws CgroupException {
        Long swap = m.swap() == null || m.swap() == 0 ? null : m.swap();
        if (swap == null && m.limit() != null && m.limit() == -1 && CgroupFiles.exists(dir, MEMSW)) {
            swap = -1L; // runc's rule: an unlimited memory without a swap given lifts memsw too, or the write fails
        }
        if (m.limit() != null) {
            checkBeforeUpdate(dir, m);
        }
        boolean swapFirst = swap != null && (swap < 0 || swap > CgroupFiles.readLong(dir, MEMSW)
                || CgroupFiles.readLong(dir, MEMSW) < 0);
        if (swapFirst) {
            write(dir, MEMSW, Long.toString(swap));
        }
        if (m.limit() != null) {
            write(dir, LIMIT, Long.toString(m.limit()));
        }
        if (swap != null && !swapFirst) {
            write(dir, MEMSW, Long.toString(swap));
        }
    }

    private static void checkBeforeUpdate(Path dir, Resources.Memory m) throws CgroupException {
        if (!Boolean.TRUE.equals(m.checkBeforeUpdate()) || m.limit() < 0) {
            return;
        }
        long usage = CgroupFiles.readLong(dir, "memory.usage_in_bytes");
        if (m.limit() < usage) {
            throw CgroupException.about(Fields.PREFIX + "memory.limit", m.limit()
                    + " is below the current usage " + usage + " (checkBeforeUpdate is set)");
        }
    }

    @Override
    public void stats(Path dir, StatsBuilder stats) throws CgroupException {
        entry(dir, "memory", StatsBuilder.child(stats.memory, "usage"));
        if (CgroupFiles.exists(dir, MEMSW)) {
            entry(dir, "memory.memsw", StatsBuilder.child(stats.memory, "swap"));
        }
        if (CgroupFiles.exists(dir, "memory.kmem.usage_in_bytes")) {
            entry(dir, "memory.kmem", StatsBuilder.child(stats.memory, "kernel"));
        }
        if (CgroupFiles.exists(dir, "memory.kmem.tcp.usage_in_bytes")) {
            entry(dir, "memory.kmem.tcp", StatsBuilder.child(stats.memory, "kernelTCP"));
        }
        Map<String, Long> raw = CgroupFiles.readKeyValues(dir, "memory.stat");
        stats.memory.put("cache", raw.getOrDefault("cache", 0L));
        stats.memory.put("raw", raw);
    }

    /** usage/max/limit/failcnt from one family of files (memory., memory.memsw., memory.kmem.). */
    private static void entry(Path dir, String prefix, Map<String, Object> into) throws CgroupException {
        into.put("usage", CgroupFiles.readLong(dir, prefix + ".usage_in_bytes"));
        into.put("max", CgroupFiles.readLong(dir, prefix + ".max_usage_in_bytes"));
        into.put("limit", CgroupFiles.readLong(dir, prefix + ".limit_in_bytes"));
        into.put("failcnt", CgroupFiles.readLong(dir, prefix + ".failcnt"));
    }
}
