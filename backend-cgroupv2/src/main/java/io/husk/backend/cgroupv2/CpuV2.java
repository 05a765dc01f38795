package io.husk.backend.cgroupv2;

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

/** cpu.weight (from shares), cpu.max, cpu.max.burst, cpu.idle. */
public final class CpuV2 implements Controller {

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public List<String> fields(Resources r) {
        return Fields.cpu(r);
    }

    @Override
    public void validate(Resources r, Path hierarchy) throws CgroupException {
        Resources.Cpu c = r.cpu();
        if (nonZero(c.realtimeRuntime()) || nonZero(c.realtimePeriod())) {
            String field = nonZero(c.realtimeRuntime()) ? "realtimeRuntime" : "realtimePeriod";
            throw CgroupException.about(Fields.PREFIX + "cpu." + field,
                    "cgroup v2 has no real-time scheduling budget (cpu.rt_* exists only in cgroup v1)");
        }
    }

    private static boolean nonZero(Long value) {
        return value != null && value != 0;
    }

    @Override
    public void apply(Path dir, Resources r) throws CgroupException {
        Resources.Cpu c = r.cpu();
        if (c.shares() != null && c.shares() != 0) {
            write(dir, "cpu.weight", Long.toString(Conversions.weightFromShares(c.shares())));
        }
        if (c.quota() != null || c.period() != null) {
            String current = CgroupFiles.readIfExists(dir, "cpu.max").orElse(null);
            write(dir, "cpu.max", Conversions.cpuMax(c.quota(), c.period(), current));
        }
        if (c.burst() != null) {
            write(dir, "cpu.max.burst", Long.toString(c.burst()));
        }
        if (c.idle() != null) {
            write(dir, "cpu.idle", Long.toString(c.idle()));
        }
    }

    @Override
    public void stats(Path dir, StatsBuilder stats) throws CgroupException {
        Map<String, Long> stat = CgroupFiles.readKeyValues(dir, "cpu.stat");
        Map<String, Object> usage = StatsBuilder.child(stats.cpu, "usage");
        usage.put("total", stat.getOrDefault("usage_usec", 0L) * 1000);
        usage.put("user", stat.getOrDefault("user_usec", 0L) * 1000);
        usage.put("kernel", stat.getOrDefault("system_usec", 0L) * 1000);
        Map<String, Object> throttling = StatsBuilder.child(stats.cpu, "throttling");
        throttling.put("periods", stat.getOrDefault("nr_periods", 0L));
        throttling.put("throttled_periods", stat.getOrDefault("nr_throttled", 0L));
        throttling.put("throttled_time", stat.getOrDefault("throttled_usec", 0L) * 1000);
    }
}
