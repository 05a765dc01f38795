package io.husk.backend.cgroupv1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.husk.backend.cgroupfs.CgroupContract;
import io.husk.backend.cgroupfs.CgroupFiles;
import io.husk.spi.cgroup.CgroupDriver;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.CgroupManager;
import io.husk.spi.cgroup.Resources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract on v1 and hybrid hosts (this machine, and the v1 VM), plus what only v1 hosts have. */
class V1CgroupContractTest extends CgroupContract {

    @Override
    protected CgroupDriver driver() {
        return new V1Driver();
    }

    @Override
    protected String requiredInVm() {
        return "v1|hybrid";
    }

    @Override
    protected Path controllerDir(CgroupManager m, String controller) {
        return m.directories().entrySet().stream()
                .filter(e -> List.of(e.getKey().split(",")).contains(controller))
                .map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no " + controller + " hierarchy"));
    }

    @Override
    protected Map<String, String> expectedFiles() {
        return Map.of("memory/memory.limit_in_bytes", Long.toString(64 * M),
                "memory/memory.memsw.limit_in_bytes", Long.toString(128 * M),
                "cpu/cpu.shares", "512",
                "cpu/cpu.cfs_quota_us", "42000",
                "cpu/cpu.cfs_period_us", "100000",
                "pids/pids.max", "77",
                "cpuset/cpuset.cpus", "0",
                "cpuset/cpuset.mems", "0");
    }

    @Override
    protected Map<String, String> expectedAfterQuotaUpdate() {
        return Map.of("cpu/cpu.cfs_quota_us", "21000", "cpu/cpu.cfs_period_us", "100000");
    }

    @Test
    void hybridHostsAlsoGetAUnifiedDirectory() {
        Path unified = manager.directories().get("unified");
        assumeTrue(unified != null, "no cgroup2 hierarchy beside the v1 ones");
        assertTrue(Files.isDirectory(unified));
        assertTrue(manager.procsFiles().contains(unified.resolve("cgroup.procs")));
    }

    @Test
    void newCpusetInheritsCpusAndMemsSoTasksCanJoin() throws Exception {
        Path cpuset = controllerDir(manager, "cpuset");
        assertEquals(CgroupFiles.read(cpuset.getParent(), "cpuset.cpus"), CgroupFiles.read(cpuset, "cpuset.cpus"));
        assertEquals(CgroupFiles.read(cpuset.getParent(), "cpuset.mems"), CgroupFiles.read(cpuset, "cpuset.mems"));
        startChild(manager, "sleep", "30");
    }

    @Test
    void deviceRulesAreWrittenInOrder() throws Exception {
        manager.apply(new Resources(null, null, null, null, null, null, List.of(
                new Resources.DeviceRule(false, "a", null, null, "rwm"),
                new Resources.DeviceRule(true, "c", 1L, 3L, "rwm"),
                new Resources.DeviceRule(true, "c", 1L, 5L, "r")), null, null));
        assertEquals("c 1:3 rwm\nc 1:5 r", read(manager, "devices/devices.list"));
    }

    @Test
    void blkioWeightIsRefusedWithoutAWeightFile() {
        Path blkio = controllerDir(manager, "blkio");
        Path root = blkio.getRoot().resolve(blkio.subpath(0, 4));
        assumeTrue(!Files.exists(root.resolve("blkio.weight")) && !Files.exists(root.resolve("blkio.bfq.weight")),
                "this host's blkio has weights");
        Resources weight = new Resources(null, null, null,
                new Resources.BlockIo(500, null, null, null, null, null, null), null, null, null, null, null);
        CgroupException e = assertThrows(CgroupException.class, () -> manager.check(weight));
        assertTrue(e.getMessage().startsWith("linux.resources.blockIO.weight: "), e.getMessage());
    }

    @Test
    void unifiedKeysNeedTheirControllerOnTheV2Side() {
        Resources keys = new Resources(null, null, null, null, null, null, null, Map.of("memory.high", "1"), null);
        CgroupException e = assertThrows(CgroupException.class, () -> manager.check(keys));
        assertTrue(e.getMessage().startsWith("linux.resources.unified[\"memory.high\"]: "), e.getMessage());
    }
}
