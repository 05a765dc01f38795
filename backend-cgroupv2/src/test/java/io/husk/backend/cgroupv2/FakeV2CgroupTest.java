package io.husk.backend.cgroupv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The v2 manager's planning and conversions against a temp directory laid out like a cgroup; no root needed. */
class FakeV2CgroupTest {
    private static final long M = 1024 * 1024;
    @TempDir
    Path root;
    private Path dir;
    private V2Manager manager;

    @BeforeEach
    void fakeCgroup() throws IOException {
        Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
        dir = Files.createDirectory(root.resolve("c1"));
        for (String[] file : new String[][] {{"cpu.max", "max 100000"}, {"cpu.weight", "100"}, {"memory.max", "max"},
                {"memory.swap.max", "max"}, {"memory.low", "0"}, {"pids.max", "max"}, {"memory.high", "max"}}) {
            Files.writeString(dir.resolve(file[0]), file[1] + "\n");
        }
        manager = new V2Manager(root, dir);
    }

    private String read(String file) throws IOException {
        return Files.readString(dir.resolve(file)).strip();
    }

    private static Resources with(Resources.Memory memory, Resources.Cpu cpu, Resources.Pids pids) {
        return new Resources(memory, cpu, pids, null, null, null, null, null, null);
    }

    private static Resources.Memory memory(Long limit, Long swap) {
        return new Resources.Memory(limit, null, swap, null, null, null, null, null, null);
    }

    private static Resources.Cpu cpu(Long shares, Long quota, Long period) {
        return new Resources.Cpu(shares, quota, null, period, null, null, null, null, null);
    }

    @Test
    void applyWritesConvertedValues() throws Exception {
        manager.apply(with(memory(32 * M, 64 * M), cpu(1024L, 42000L, 100000L), new Resources.Pids(10)));
        assertEquals(Long.toString(32 * M), read("memory.max"));
        assertEquals(Long.toString(32 * M), read("memory.swap.max"));
        assertEquals("39", read("cpu.weight"));
        assertEquals("42000 100000", read("cpu.max"));
        assertEquals("10", read("pids.max"));
    }

    @Test
    void swapEqualToLimitWritesZeroAndMinusOneWritesMax() throws Exception {
        manager.apply(with(memory(32 * M, 32 * M), null, null));
        assertEquals("0", read("memory.swap.max"));
        manager.apply(with(memory(32 * M, -1L), null, null));
        assertEquals("max", read("memory.swap.max"));
    }

    @Test
    void updateOfQuotaOnlyKeepsThePeriod() throws Exception {
        Files.writeString(dir.resolve("cpu.max"), "max 50000\n");
        manager.apply(with(null, cpu(null, 21000L, null), null));
        assertEquals("21000 50000", read("cpu.max"));
        manager.apply(with(null, cpu(null, null, 200000L), null));
        assertEquals("21000 200000", read("cpu.max"));
        manager.apply(with(null, cpu(null, -1L, null), null));
        assertEquals("max 200000", read("cpu.max"));
    }

    @Test
    void refusedSwapLeavesNothingWritten() throws Exception {
        CgroupException e = assertThrows(CgroupException.class,
                () -> manager.apply(with(memory(64 * M, 32 * M), null, new Resources.Pids(5))));
        assertTrue(e.getMessage().startsWith("linux.resources.memory.swap:"), e.getMessage());
        assertEquals("max", read("pids.max"));
        assertEquals("max", read("memory.max"));
    }

    @Test
    void resourcesWithoutControllerAreRefusedByName() {
        Resources hugepages = new Resources(null, null, null, null,
                List.of(new Resources.HugepageLimit("2MB", 4 * M)), null, null, null, null);
        CgroupException e = assertThrows(CgroupException.class, () -> manager.check(hugepages));
        assertTrue(e.getMessage().startsWith("linux.resources.hugepageLimits: the hugetlb controller is not"),
                e.getMessage());
        Resources classId = new Resources(null, null, null, null, null, new Resources.Network(7L, null), null,
                null, null);
        e = assertThrows(CgroupException.class, () -> manager.check(classId));
        assertTrue(e.getMessage().startsWith("linux.resources.network.classID: net_cls exists only in cgroup v1"),
                e.getMessage());
    }

    @Test
    void v1OnlyMemoryKnobsAreRefused() {
        Resources kernel = with(new Resources.Memory(null, null, null, 1L, null, null, null, null, null), null, null);
        CgroupException e = assertThrows(CgroupException.class, () -> manager.check(kernel));
        assertTrue(e.getMessage().startsWith("linux.resources.memory.kernel:"), e.getMessage());
        Resources oom = with(new Resources.Memory(null, null, null, null, null, null, true, null, null), null, null);
        assertThrows(CgroupException.class, () -> manager.check(oom));
    }

    @Test
    void realtimeIsRefusedOnV2() {
        Resources rt = with(null, new Resources.Cpu(null, null, null, null, 1000L, null, null, null, null), null);
        CgroupException e = assertThrows(CgroupException.class, () -> manager.check(rt));
        assertTrue(e.getMessage().startsWith("linux.resources.cpu.realtimeRuntime:"), e.getMessage());
    }

    @Test
    void unifiedKeysAreWrittenOnlyForAvailableControllers() throws Exception {
        manager.apply(new Resources(null, null, null, null, null, null, null, Map.of("memory.high", "1000000"),
                null));
        assertEquals("1000000", read("memory.high"));
        Resources rdma = new Resources(null, null, null, null, null, null, null, Map.of("rdma.max", "x"), null);
        CgroupException e = assertThrows(CgroupException.class, () -> manager.check(rdma));
        assertTrue(e.getMessage().startsWith("linux.resources.unified[\"rdma.max\"]:"), e.getMessage());
    }

    @Test
    void writeErrorsNameTheFileAndTheValue() {
        Resources idle = with(null, new Resources.Cpu(null, null, null, null, null, null, null, null, 1L), null);
        CgroupException e = assertThrows(CgroupException.class, () -> manager.apply(idle));
        assertTrue(e.getMessage().contains("\"1\"") && e.getMessage().contains("cpu.idle"), e.getMessage());
    }

    @Test
    void checkBeforeUpdateRefusesALimitUnderUsage() throws IOException {
        Files.writeString(dir.resolve("memory.current"), "1000000\n");
        Resources low = with(new Resources.Memory(4096L, null, null, null, null, null, null, null, true), null, null);
        CgroupException e = assertThrows(CgroupException.class, () -> manager.apply(low));
        assertTrue(e.getMessage().contains("below the current usage"), e.getMessage());
        assertEquals("max", read("memory.max"));
    }
}
