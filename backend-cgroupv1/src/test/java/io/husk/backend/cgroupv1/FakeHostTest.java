package io.husk.backend.cgroupv1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.husk.backend.cgroupfs.HugePageSizes;
import io.husk.backend.cgroupv2.V2Driver;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.CgroupManager;
import io.husk.spi.cgroup.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host detection and controller placement from a fake mountinfo whose hierarchies are temp directories. */
class FakeHostTest {
    @TempDir
    Path root;
    private Path mountinfo;
    private Path self;

    @BeforeEach
    void fakeHost() throws IOException {
        for (String dir : List.of("cpu,cpuacct", "memory", "unified")) {
            Files.createDirectories(root.resolve(dir));
        }
        Files.writeString(root.resolve("unified/cgroup.controllers"), "hugetlb\n");
        Files.writeString(root.resolve("unified/cgroup.subtree_control"), "\n");
        mountinfo = root.resolve("mountinfo");
        self = root.resolve("cgroup");
        Files.writeString(self, "3:memory:/process_api/x\n2:cpu,cpuacct:/\n0::/\n");
        hybrid(true);
    }

    private void hybrid(boolean unifiedHasHugetlb) throws IOException {
        Files.writeString(root.resolve("unified/cgroup.controllers"), unifiedHasHugetlb ? "hugetlb\n" : "\n");
        Files.write(mountinfo, List.of(
                "32 31 0:29 / " + root.resolve("cpu,cpuacct") + " rw - cgroup cgroup rw,cpu,cpuacct",
                "35 31 0:32 / " + root.resolve("memory") + " rw - cgroup cgroup rw,memory",
                "41 31 0:38 / " + root.resolve("unified") + " rw - cgroup2 cgroup2 rw"));
    }

    private CgroupManager manager(String path) {
        return new V1Driver(mountinfo, self).manager(path);
    }

    @Test
    void hybridHostIsServedByV1AndNotByV2() {
        assertTrue(new V1Driver(mountinfo, self).usable());
        assertFalse(new V2Driver(mountinfo, self).usable());
        Map<String, Boolean> controllers = new V1Driver(mountinfo, self).controllers();
        assertTrue(controllers.get("memory"));
        assertTrue(controllers.get("hugetlb"), "served from the unified side");
        assertFalse(controllers.get("pids"));
    }

    @Test
    void pureV2HostIsServedByV2Only() throws IOException {
        Files.writeString(mountinfo, "30 23 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw,nsdelegate\n");
        assertFalse(new V1Driver(mountinfo, self).usable());
        assertTrue(new V2Driver(mountinfo, self).usable());
        assertTrue(new V2Driver().priority() > new V1Driver().priority());
    }

    @Test
    void directoriesAreNamedAfterTheMountAndPathsResolve() {
        Map<String, Path> dirs = manager("/husk/c1").directories();
        assertEquals(List.of("cpu,cpuacct", "memory", "unified"), List.copyOf(dirs.keySet()));
        assertEquals(root.resolve("memory/husk/c1"), dirs.get("memory"));
        Map<String, Path> relative = manager("husk/c1").directories();
        assertEquals(root.resolve("memory/process_api/x/husk/c1"), relative.get("memory"));
        assertEquals(root.resolve("cpu,cpuacct/husk/c1"), relative.get("cpu,cpuacct"));
    }

    @Test
    void createReturnsWhatItMadeAndDestroyRemovesOnlyThat() throws Exception {
        Files.createDirectories(root.resolve("memory/husk"));
        CgroupManager m = manager("/husk/c1");
        List<Path> made = m.create();
        assertEquals(List.of(root.resolve("cpu,cpuacct/husk"), root.resolve("cpu,cpuacct/husk/c1"),
                root.resolve("memory/husk/c1"), root.resolve("unified/husk"), root.resolve("unified/husk/c1")), made);
        m.destroy(made);
        assertFalse(Files.exists(root.resolve("memory/husk/c1")));
        assertTrue(Files.isDirectory(root.resolve("memory/husk")), "not made by create(), so kept");
        assertFalse(Files.exists(root.resolve("unified/husk")));
    }

    @Test
    void resourceWithoutControllerIsRefusedByName() {
        CgroupException e = assertThrows(CgroupException.class, () -> manager("/c").check(
                new Resources(null, null, new Resources.Pids(10), null, null, null, null, null, null)));
        assertEquals("linux.resources.pids.limit: no pids controller is mounted on this host", e.getMessage());
    }

    @Test
    void hugetlbComesFromTheUnifiedSideWhenItListsIt() throws Exception {
        assumeTrue(HugePageSizes.host().contains("2MB"), "no 2MB huge pages on this kernel");
        Resources hugepages = new Resources(null, null, null, null,
                List.of(new Resources.HugepageLimit("2MB", 2097152)), null, null, null, null);
        manager("/c").check(hugepages);
        hybrid(false);
        CgroupException e = assertThrows(CgroupException.class, () -> manager("/c").check(hugepages));
        assertEquals("linux.resources.hugepageLimits: no hugetlb controller is mounted on this host",
                e.getMessage());
    }

    @Test
    void deviceRulesBecomeV1Lines() throws CgroupException {
        assertEquals("a *:* rwm", DevicesV1.line(new Resources.DeviceRule(false, null, null, null, null)));
        assertEquals("c 1:3 rw", DevicesV1.line(new Resources.DeviceRule(true, "c", 1L, 3L, "rw")));
        assertEquals("b 8:* m", DevicesV1.line(new Resources.DeviceRule(true, "b", 8L, null, "m")));
        assertThrows(CgroupException.class, () -> DevicesV1.line(new Resources.DeviceRule(true, "x", 1L, 1L, "r")));
    }

    @Test
    void v1SwapBelowLimitIsRefused() throws IOException {
        Files.writeString(root.resolve("memory/memory.memsw.limit_in_bytes"), "9223372036854771712\n");
        Resources r = new Resources(new Resources.Memory(64L << 20, null, 32L << 20, null, null, null, null, null,
                null), null, null, null, null, null, null, null, null);
        CgroupException e = assertThrows(CgroupException.class, () -> manager("/c").check(r));
        assertTrue(e.getMessage().startsWith("linux.resources.memory.swap: "), e.getMessage());
    }
}
