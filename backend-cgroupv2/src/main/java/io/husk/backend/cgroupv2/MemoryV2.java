package io.husk.backend.cgroupv2;

import static io.husk.backend.cgroupfs.CgroupFiles.readIfExists;
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

/** memory.max, memory.low, memory.swap.max; v1-only knobs are refused, not dropped. */
public final class MemoryV2 implements Controller {

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
        refuseIf(m.kernel() != null, "kernel", "cgroup v2 has no separate kernel memory limit");
        refuseIf(m.kernelTcp() != null, "kernelTCP", "cgroup v2 has no separate TCP buffer limit");
        refuseIf(m.swappiness() != null && m.swappiness() >= 0, "swappiness", "cgroup v2 has no swappiness");
        refuseIf(Boolean.TRUE.equals(m.disableOomKiller()), "disableOOMKiller",
                "cgroup v2 cannot disable the OOM killer");
        refuseIf(Boolean.FALSE.equals(m.useHierarchy()), "useHierarchy", "cgroup v2 is always hierarchical");
        Conversions.swapMax(m.limit(), m.swap());
    }

    private static void refuseIf(boolean condition, String field, String why) throws CgroupException {
        if (condition) {
            throw CgroupException.about(Fields.PREFIX + "memory." + field, why);
        }
    }

    @Override
    public void apply(Path dir, Resources r) throws CgroupException {
        Resources.Memory m = r.memory();
        String swapMax = Conversions.swapMax(m.limit(), m.swap());
        if (m.limit() != null) {
            checkBeforeUpdate(dir, m);
            write(dir, "memory.max", Conversions.limit(m.limit()));
        }
        // Without swap accounting there is no memory.swap.max, and "max" already holds.
        if (swapMax != null && (!swapMax.equals("max") || CgroupFiles.exists(dir, "memory.swap.max"))) {
            write(dir, "memory.swap.max", swapMax);
        }
        if (m.reservation() != null) {
            write(dir, "memory.low", Conversions.limit(m.reservation()));
        }
    }

    /** checkBeforeUpdate: refuse a limit under the current usage instead of letting the kernel OOM-kill. */
    private static void checkBeforeUpdate(Path dir, Resources.Memory m) throws CgroupException {
        if (!Boolean.TRUE.equals(m.checkBeforeUpdate()) || m.limit() < 0) {
            return;
        }
        long usage = CgroupFiles.readLong(dir, "memory.current");
        if (m.limit() < usage) {
            throw CgroupException.about(Fields.PREFIX + "memory.limit", m.limit()
                    + " is below the current usage " + usage + " (checkBeforeUpdate is set)");
        }
    }

    @Override
    public void stats(Path dir, StatsBuilder stats) throws CgroupException {
        Map<String, Object> usage = StatsBuilder.child(stats.memory, "usage");
        long current = CgroupFiles.readLong(dir, "memory.current");
        usage.put("usage", current);
        usage.put("limit", Values.number(CgroupFiles.read(dir, "memory.max")));
        readIfExists(dir, "memory.peak").ifPresent(v -> usage.put("max", Values.number(v)));
        if (CgroupFiles.exists(dir, "memory.events")) {
            usage.put("failcnt", CgroupFiles.readKeyValues(dir, "memory.events").getOrDefault("max", 0L));
        }
        if (CgroupFiles.exists(dir, "memory.swap.current")) {
            // runc reports v2 swap as memory+swap, the v1 meaning of the figure.
            Map<String, Object> swap = StatsBuilder.child(stats.memory, "swap");
            swap.put("usage", current + CgroupFiles.readLong(dir, "memory.swap.current"));
            swap.put("limit", Values.number(CgroupFiles.read(dir, "memory.swap.max")));
        }
        Map<String, Long> raw = CgroupFiles.readKeyValues(dir, "memory.stat");
        stats.memory.put("cache", raw.getOrDefault("file", 0L));
        stats.memory.put("raw", raw);
    }
}
