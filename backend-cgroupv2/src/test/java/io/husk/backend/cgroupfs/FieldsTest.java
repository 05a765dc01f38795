package io.husk.backend.cgroupfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldsTest {
    private static final String P = Fields.PREFIX;

    @Test
    void aRefusedFileNamesOnlyTheSetFieldsItWasWrittenFrom() {
        List<String> set = List.of(P + "cpu.shares", P + "cpu.quota", P + "cpu.period");
        assertEquals(List.of(P + "cpu.period"), Fields.writtenTo("cpu.cfs_period_us", set));
        assertEquals(List.of(P + "cpu.quota", P + "cpu.period"), Fields.writtenTo("cpu.max", set));
        assertEquals(List.of(P + "cpu.shares"), Fields.writtenTo("cpu.weight", set));
    }

    @Test
    void swapIsWrittenFromTheLimitAsWell() {
        List<String> set = List.of(P + "memory.limit", P + "memory.swap", P + "memory.swappiness");
        assertEquals(List.of(P + "memory.limit", P + "memory.swap"),
                Fields.writtenTo("memory.memsw.limit_in_bytes", set));
        assertEquals(List.of(P + "memory.limit", P + "memory.swap"), Fields.writtenTo("memory.swap.max", set));
    }

    @Test
    void anUnknownFileNamesEverySetField() {
        List<String> set = List.of(P + "memory.limit", P + "memory.swap");
        assertEquals(set, Fields.writtenTo("memory.something_new", set));
        assertEquals(List.of(P + "hugepageLimits"), Fields.writtenTo("hugetlb.2MB.limit_in_bytes",
                List.of(P + "hugepageLimits")));
    }

    @Test
    void aUnifiedKeyIsNamedAlone() {
        List<String> set = List.of(Fields.unified("memory.high"), Fields.unified("pids.max"));
        assertEquals(List.of(Fields.unified("pids.max")), Fields.writtenTo("pids.max", set));
    }

    /** Every interface file a controller writes must map to a field, or its refusals would name too much. */
    @Test
    void everyWrittenFileHasItsFields() {
        for (String file : List.of("cpu.shares", "cpu.weight", "cpu.cfs_quota_us", "cpu.cfs_period_us", "cpu.max",
                "cpu.cfs_burst_us", "cpu.max.burst", "cpu.rt_period_us", "cpu.rt_runtime_us", "cpu.idle",
                "cpuset.cpus", "cpuset.mems", "memory.limit_in_bytes", "memory.max", "memory.memsw.limit_in_bytes",
                "memory.swap.max", "memory.soft_limit_in_bytes", "memory.low", "memory.kmem.limit_in_bytes",
                "memory.kmem.tcp.limit_in_bytes", "memory.swappiness", "memory.oom_control",
                "memory.use_hierarchy", "pids.max", "blkio.weight", "blkio.bfq.weight", "io.weight",
                "io.bfq.weight", "blkio.leaf_weight", "blkio.weight_device", "blkio.leaf_weight_device",
                "blkio.throttle.read_bps_device", "blkio.throttle.write_iops_device", "io.max",
                "net_cls.classid", "net_prio.ifpriomap", "devices.allow", "devices.deny", "rdma.max",
                "hugetlb.1GB.max")) {
            assertFalse(Fields.sourcesOf(file).isEmpty(), file);
        }
    }
}
