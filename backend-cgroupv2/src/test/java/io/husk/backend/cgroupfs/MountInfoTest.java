package io.husk.backend.cgroupfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MountInfoTest {
    static final List<String> HYBRID = List.of(
            "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
            "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct",
            "34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime shared:4 - cgroup cgroup rw,cpuset,clone_children",
            "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd",
            "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw,nsdelegate",
            "99 31 0:29 / /mnt/again rw,relatime - cgroup cgroup rw,cpu,cpuacct");

    @Test
    void findsV1HierarchiesWithTheirControllersAndTheUnifiedOne() {
        List<CgroupMount> mounts = MountInfo.parse(HYBRID);
        assertEquals(4, mounts.size(), "tmpfs skipped, second mount of 0:29 skipped");
        assertEquals(Set.of("cpu", "cpuacct"), mounts.get(0).controllers());
        assertEquals("cpu,cpuacct", mounts.get(0).name());
        assertEquals(Set.of("cpuset"), mounts.get(1).controllers());
        assertEquals(Set.of("name=systemd"), mounts.get(2).controllers());
        assertTrue(mounts.get(3).unified());
        assertEquals("unified", mounts.get(3).name());
        assertFalse(mounts.get(0).unified());
    }

    @Test
    void decodesOctalEscapes() {
        assertEquals("/a b\\c", MountInfo.unescape("/a\\040b\\134c"));
    }

    @Test
    void dirOfStripsABindMountedRoot() {
        CgroupMount m = new CgroupMount(Path.of("/sys/fs/cgroup/memory"), "/docker/x", "cgroup", Set.of("memory"),
                "0:1");
        assertEquals(Path.of("/sys/fs/cgroup/memory/husk/c"), m.dirOf("/docker/x/husk/c"));
        assertEquals(Path.of("/sys/fs/cgroup/memory"), m.dirOf("/docker/x"));
    }

    @Test
    void selfCgroupResolvesAbsoluteAndRelativePaths() {
        SelfCgroup self = SelfCgroup.parse(List.of("4:memory:/process_api/abc", "2:cpu,cpuacct:/", "0::/user"));
        List<CgroupMount> mounts = MountInfo.parse(HYBRID);
        CgroupMount memory = new CgroupMount(Path.of("/sys/fs/cgroup/memory"), "/", "cgroup", Set.of("memory"),
                "0:32");
        assertEquals("/husk/c1", self.resolve("/husk/c1", memory));
        assertEquals("/process_api/abc/husk/c1", self.resolve("husk/c1", memory));
        assertEquals("/husk/c1", self.resolve("husk/c1", mounts.get(0)));
        assertEquals("/user/husk/c1", self.resolve("husk/c1", mounts.get(3)));
    }
}
