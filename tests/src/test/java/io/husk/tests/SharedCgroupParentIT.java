package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two containers under one parent cgroup that the first one made: deleting the first keeps the second's. */
class SharedCgroupParentIT {
    private final String parent = "/husk-shared-" + Long.toHexString(System.nanoTime());
    private Path root;
    private HuskRunner husk;
    private Bundle a;
    private Bundle b;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("husk-root");
        husk = new HuskRunner(root);
        a = Bundle.busybox("sleep", "60");
        b = Bundle.busybox("sleep", "60");
        a.linux().put("cgroupsPath", parent + "/a");
        b.linux().put("cgroupsPath", parent + "/b");
        a.write();
        b.write();
    }

    @AfterEach
    void tearDown() throws Exception {
        husk.run("delete", "--force", "shared-a");
        husk.run("delete", "--force", "shared-b");
        a.close();
        b.close();
        for (Path h : Files.list(Path.of("/sys/fs/cgroup")).toList()) {
            Files.deleteIfExists(h.resolve(parent.substring(1)));
        }
        Files.deleteIfExists(root);
    }

    @Test
    void deletingTheFirstContainerKeepsTheSharedParent() throws Exception {
        husk.ok("create", "--bundle", a.dir().toString(), "shared-a");
        husk.ok("create", "--bundle", b.dir().toString(), "shared-b");
        husk.ok("delete", "--force", "shared-a");
        assertEquals(true, Files.isDirectory(Path.of("/sys/fs/cgroup/pids" + parent + "/b")));
        assertEquals(false, Files.exists(Path.of("/sys/fs/cgroup/pids" + parent + "/a")));
        husk.ok("delete", "--force", "shared-b");
        assertEquals(List.of(), Traces.processesIn(parent + "/b"));
    }

    /**
     * husk's default parent (/husk in each hierarchy) is kept while a container lives in it and removed with the
     * last one, whichever container made it: nothing of husk stays on the host.
     */
    @Test
    void theDefaultParentGoesWithTheLastContainer() throws Exception {
        Path pids = Path.of("/sys/fs/cgroup/pids/husk");
        assumeFalse(Files.exists(pids), "other husk containers live on this host");
        a.linux().remove("cgroupsPath");
        b.linux().remove("cgroupsPath");
        a.write();
        b.write();
        husk.ok("create", "--bundle", a.dir().toString(), "shared-a");
        husk.ok("create", "--bundle", b.dir().toString(), "shared-b");
        husk.ok("delete", "--force", "shared-a");
        assertEquals(true, Files.isDirectory(pids.resolve("shared-b")), "the parent stays for the second");
        husk.ok("delete", "--force", "shared-b");
        assertEquals(List.of(), Traces.cgroupDirs("shared-b"));
        for (Path h : Files.list(Path.of("/sys/fs/cgroup")).toList()) {
            assertEquals(false, Files.exists(h.resolve("husk")), h + "/husk removed with the last container");
        }
    }
}
