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

/** cpu.shares, CFS quota/period/burst, real-time budget and cpu.idle. */
final class CpuV1 implements Controller {

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public List<String> fields(Resources r) {
        return Fields.cpu(r);
    }

    /** burst, rt and idle depend on kernel version and config; their files tell. */
    @Override
    public void validate(Resources r, Path hierarchy) throws CgroupException {
        Resources.Cpu c = r.cpu();
        requireFile(hierarchy, c.burst() != null, "burst", "cpu.cfs_burst_us");
        requireFile(hierarchy, c.idle() != null, "idle", "cpu.idle");
        requireFile(hierarchy, nonZero(c.realtimeRuntime()), "realtimeRuntime", "cpu.rt_runtime_us");
        requireFile(hierarchy, nonZero(c.realtimePeriod()), "realtimePeriod", "cpu.rt_period_us");
    }

    static void requireFile(Path hierarchy, boolean wanted, String field, String file) throws CgroupException {
        if (wanted && !CgroupFiles.exists(hierarchy, file)) {
            throw CgroupException.about(Fields.PREFIX + "cpu." + field, "this kernel has no " + file);
        }
    }

    private static boolean nonZero(Long value) {
        return value != null && value != 0;
    }

    @Override
    public void apply(Path dir, Resources r) throws CgroupException {
        Resources.Cpu c = r.cpu();
        if (c.shares() != null && c.shares() != 0) {
            write(dir, "cpu.shares", Long.toString(c.shares()));
        }
        writeBandwidth(dir, c.quota(), c.period());
        if (c.burst() != null) {
            write(dir, "cpu.cfs_burst_us", Long.toString(c.burst()));
        }
        // The runtime must fit in the period, so a new period goes first.
        if (nonZero(c.realtimePeriod())) {
            write(dir, "cpu.rt_period_us", Long.toString(c.realtimePeriod()));
        }
        if (nonZero(c.realtimeRuntime())) {
            write(dir, "cpu.rt_runtime_us", Long.toString(c.realtimeRuntime()));
        }
        if (c.idle() != null) {
            write(dir, "cpu.idle", Long.toString(c.idle()));
        }
    }

    /**
     * Quota and period are separate files, so setting one keeps the other. The kernel checks the pair against
     * the parent's bandwidth, so when the period is refused first, the quota goes first and the period again.
     */
    private static void writeBandwidth(Path dir, Long quota, Long period) throws CgroupException {
        String quotaText = quota == null ? null : Long.toString(quota < 0 ? -1 : quota);
        if (period == null || period == 0) {
            if (quotaText != null) {
                write(dir, "cpu.cfs_quota_us", quotaText);
            }
            return;
        }
        try {
            write(dir, "cpu.cfs_period_us", Long.toString(period));
        } catch (CgroupException refused) {
            if (quotaText == null) {
                throw refused;
            }
            write(dir, "cpu.cfs_quota_us", quotaText);
            write(dir, "cpu.cfs_period_us", Long.toString(period));
            return;
        }
        if (quotaText != null) {
            write(dir, "cpu.cfs_quota_us", quotaText);
        }
    }

    @Override
    public void stats(Path dir, StatsBuilder stats) throws CgroupException {
        Map<String, Long> stat = CgroupFiles.readKeyValues(dir, "cpu.stat");
        Map<String, Object> throttling = StatsBuilder.child(stats.cpu, "throttling");
        throttling.put("periods", stat.getOrDefault("nr_periods", 0L));
        throttling.put("throttled_periods", stat.getOrDefault("nr_throttled", 0L));
        throttling.put("throttled_time", stat.getOrDefault("throttled_time", 0L));
    }
}
