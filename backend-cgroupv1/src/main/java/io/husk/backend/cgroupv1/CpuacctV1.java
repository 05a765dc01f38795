package io.husk.backend.cgroupv1;

import io.husk.backend.cgroupfs.CgroupFiles;
import io.husk.backend.cgroupfs.Controller;
import io.husk.backend.cgroupfs.StatsBuilder;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.Resources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Accounting only: no OCI field sets anything here, it feeds cpu usage into stats. */
final class CpuacctV1 implements Controller {
    /** cpuacct.stat counts in USER_HZ ticks, which Linux fixes at 100 per second for user space. */
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100;

    @Override
    public String name() {
        return "cpuacct";
    }

    @Override
    public List<String> fields(Resources r) {
        return List.of();
    }

    @Override
    public void apply(Path dir, Resources r) {
    }

    @Override
    public void stats(Path dir, StatsBuilder stats) throws CgroupException {
        Map<String, Object> usage = StatsBuilder.child(stats.cpu, "usage");
        usage.put("total", CgroupFiles.readLong(dir, "cpuacct.usage"));
        usage.put("percpu", numbers(dir, "cpuacct.usage_percpu"));
        if (CgroupFiles.exists(dir, "cpuacct.usage_percpu_user")) {
            usage.put("percpu_user", numbers(dir, "cpuacct.usage_percpu_user"));
            usage.put("percpu_kernel", numbers(dir, "cpuacct.usage_percpu_sys"));
        }
        Map<String, Long> ticks = CgroupFiles.readKeyValues(dir, "cpuacct.stat");
        usage.put("user", ticks.getOrDefault("user", 0L) * NANOS_PER_TICK);
        usage.put("kernel", ticks.getOrDefault("system", 0L) * NANOS_PER_TICK);
    }

    private static List<Long> numbers(Path dir, String file) throws CgroupException {
        List<Long> values = new ArrayList<>();
        for (String word : CgroupFiles.read(dir, file).split("\\s+")) {
            if (!word.isEmpty()) {
                values.add(Long.parseLong(word));
            }
        }
        return values;
    }
}
