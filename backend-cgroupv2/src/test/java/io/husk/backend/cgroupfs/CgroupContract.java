package io.husk.backend.cgroupfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.husk.spi.cgroup.CgroupDriver;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.CgroupManager;
import io.husk.spi.cgroup.Resources;
import io.husk.spi.cgroup.Stats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every cgroup driver must do, checked on the real kernel: each test makes a cgroup under
 * /husk-test-&lt;random&gt;, puts a child `sleep` in it (never the test JVM) and reads the kernel's files back.
 * Skipped where the driver is not usable or the test does not run as root.
 */
public abstract class CgroupContract {
    protected static final long M = 1024 * 1024;

    /** The sample limits {@link #expectedFiles()} describes. */
    protected static final Resources SAMPLE = new Resources(
            new Resources.Memory(64 * M, null, 128 * M, null, null, null, null, null, null),
            new Resources.Cpu(512L, 42000L, null, 100000L, null, null, "0", "0", null),
            new Resources.Pids(77), null, null, null, null, null, null);

    protected String top;
    protected CgroupManager manager;
    protected List<Path> created = List.of();
    private final List<Process> children = new ArrayList<>();
    private final List<Path> extraDirs = new ArrayList<>();
    private final List<CgroupManager> extraManagers = new ArrayList<>();
    private final List<List<Path>> extraCreated = new ArrayList<>();

    protected abstract CgroupDriver driver();

    /** The run-in-vm layouts (HUSK_VM_CGROUP) where the driver must be usable, so a VM run cannot skip. */
    protected abstract String requiredInVm();

    /** The container's directory that holds one controller's files. */
    protected abstract Path controllerDir(CgroupManager m, String controller);

    /** "controller/file" → value the kernel shows after {@link #SAMPLE} is applied. */
    protected abstract Map<String, String> expectedFiles();

    /** "controller/file" → value after an update that sets only quota 21000 on top of {@link #SAMPLE}. */
    protected abstract Map<String, String> expectedAfterQuotaUpdate();

    @BeforeEach
    void makeCgroup() throws Exception {
        String vm = System.getenv("HUSK_VM_CGROUP");
        if (vm != null && vm.matches(requiredInVm())) {
            assertTrue(driver().usable(), driver().name() + " driver must be usable in a " + vm + " VM");
        }
        assumeTrue(driver().usable(), driver().name() + " driver not usable on this host");
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        top = "/husk-test-" + UUID.randomUUID().toString().substring(0, 8);
        manager = driver().manager(top + "/c1");
        created = manager.create();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (manager != null) {
            try {
                manager.thaw(); // a frozen v1 task does not die of SIGKILL until thawed
            } catch (CgroupException ignored) {
                // no freezer, or already gone: nothing to thaw
            }
        }
        for (Process child : children) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        for (Path dir : extraDirs.reversed()) {
            Directories.remove(List.of(dir), true);
        }
        if (manager != null) {
            manager.destroy(created);
        }
        for (int i = extraManagers.size() - 1; i >= 0; i--) {
            extraManagers.get(i).destroy(extraCreated.get(i));
        }
    }

    /** Starts a child and joins it to the container's cgroups as the engine's init would. */
    protected Process startChild(CgroupManager m, String... command) throws Exception {
        Process child = new ProcessBuilder(command).start();
        children.add(child);
        for (Path procs : m.procsFiles()) {
            Files.writeString(procs, Long.toString(child.pid()));
        }
        return child;
    }

    protected String read(CgroupManager m, String controllerAndFile) throws IOException {
        String[] parts = controllerAndFile.split("/", 2);
        return Files.readString(controllerDir(m, parts[0]).resolve(parts[1])).strip();
    }

    @Test
    void createReturnsTheNewDirectoriesParentsFirst() throws Exception {
        assertFalse(created.isEmpty());
        for (Path dir : manager.directories().values()) {
            assertTrue(Files.isDirectory(dir), dir + " exists");
            assertTrue(created.contains(dir), dir + " is reported as created");
            assertTrue(created.indexOf(dir.getParent()) < created.indexOf(dir), "parent before " + dir);
        }
        assertEquals(List.of(), manager.create(), "a second create() makes nothing");
    }

    @Test
    void applyWritesTheLimitsTheKernelShows() throws Exception {
        startChild(manager, "sleep", "30");
        manager.check(SAMPLE);
        manager.apply(SAMPLE);
        for (Map.Entry<String, String> expected : expectedFiles().entrySet()) {
            assertEquals(expected.getValue(), read(manager, expected.getKey()), expected.getKey());
        }
    }

    @Test
    void updateOfTheQuotaAloneKeepsThePeriod() throws Exception {
        manager.apply(SAMPLE);
        manager.apply(new Resources(null, new Resources.Cpu(null, 21000L, null, null, null, null, null, null, null),
                null, null, null, null, null, null, null));
        for (Map.Entry<String, String> expected : expectedAfterQuotaUpdate().entrySet()) {
            assertEquals(expected.getValue(), read(manager, expected.getKey()), expected.getKey());
        }
    }

    @Test
    void freezeAndThaw() throws Exception {
        Process child = startChild(manager, "sleep", "30");
        assertFalse(manager.frozen());
        manager.freeze();
        assertTrue(manager.frozen());
        manager.thaw();
        assertFalse(manager.frozen());
        assertTrue(child.isAlive());
    }

    @Test
    void pidsListsEveryProcessIncludingSubCgroups() throws Exception {
        Process first = startChild(manager, "sleep", "30");
        Path sub = controllerDir(manager, "pids").resolve("sub");
        Files.createDirectory(sub);
        extraDirs.add(sub);
        Process second = new ProcessBuilder("sleep", "30").start();
        children.add(second);
        Files.writeString(sub.resolve("cgroup.procs"), Long.toString(second.pid()));
        List<Integer> pids = manager.pids();
        assertTrue(pids.contains((int) first.pid()), pids.toString());
        assertTrue(pids.contains((int) second.pid()), pids.toString());
    }

    @Test
    void statsReportWhatTheHostHas() throws Exception {
        startChild(manager, "sleep", "30");
        manager.apply(SAMPLE);
        Stats stats = manager.stats();
        assertNotNull(stats.pids());
        assertEquals(1L, stats.pids().get("current"));
        assertEquals(77L, stats.pids().get("limit"));
        assertNotNull(stats.memory());
        assertTrue(stats.memory().containsKey("usage"), stats.memory().toString());
        assertNotNull(stats.cpu());
        assertTrue(stats.cpu().containsKey("usage"), stats.cpu().toString());
    }

    @Test
    void destroyRemovesOnlyWhatCreateMade() throws Exception {
        CgroupManager inner = driver().manager(top + "/c1/inner");
        List<Path> innerCreated = inner.create();
        assertEquals(inner.directories().size(), innerCreated.size(), "only the inner directories are new");
        inner.destroy(innerCreated);
        inner.destroy(innerCreated); // already gone is fine
        for (Path dir : inner.directories().values()) {
            assertFalse(Files.exists(dir), dir + " removed");
            assertTrue(Files.isDirectory(dir.getParent()), dir.getParent() + " kept");
        }
    }

    /** A container may make cgroups inside its own (nested engines do); destroy removes them too, as runc. */
    @Test
    void destroyRemovesSubCgroupsTheContainerMade() throws Exception {
        CgroupManager inner = driver().manager(top + "/c1/nested");
        List<Path> innerCreated = inner.create();
        for (Path dir : inner.directories().values()) {
            Files.createDirectories(dir.resolve("a/b"));
            Files.createDirectories(dir.resolve("c"));
        }
        inner.destroy(innerCreated);
        for (Path dir : inner.directories().values()) {
            assertFalse(Files.exists(dir), dir + " and the cgroups below it removed");
            assertTrue(Files.isDirectory(dir.getParent()), dir.getParent() + " kept");
        }
    }

    @Test
    void deviceRulesDecideWhatTheContainerMayOpen() throws Exception {
        Path go = Files.createTempFile("husk-devices", ".go");
        Files.delete(go);
        try {
            Process child = startChild(manager, "sh", "-c", "while [ ! -e \"$1\" ]; do sleep 0.05; done; "
                    + "cat /dev/null && echo null-r:ok || echo null-r:no; "
                    + "( : > /dev/null ) && echo null-w:ok || echo null-w:no; "
                    + "head -c1 /dev/zero >&2 && echo zero-r:ok || echo zero-r:no", "sh", go.toString());
            manager.apply(new Resources(null, null, null, null, null, null, List.of(
                    new Resources.DeviceRule(false, "a", null, null, "rwm"),
                    new Resources.DeviceRule(true, "c", 1L, 3L, "r"),
                    new Resources.DeviceRule(true, "c", 1L, 5L, "rwm")), null, null));
            Files.createFile(go);
            assertTrue(child.waitFor(20, TimeUnit.SECONDS), "child finished");
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("null-r:ok\nnull-w:no\nzero-r:ok\n", out);
        } finally {
            Files.deleteIfExists(go);
        }
    }

    @Test
    void unknownHugePageSizeIsRefusedByName() {
        Resources bogus = new Resources(null, null, null, null, List.of(new Resources.HugepageLimit("3MB", M)),
                null, null, null, null);
        CgroupException e = assertThrows(CgroupException.class, () -> manager.check(bogus));
        assertTrue(e.getMessage().startsWith("linux.resources.hugepageLimits: "), e.getMessage());
    }

    @Test
    void writeErrorsNameFileAndValue() {
        Resources badCpus = new Resources(null, new Resources.Cpu(null, null, null, null, null, null, "999999", null,
                null), null, null, null, null, null, null, null);
        CgroupException e = assertThrows(CgroupException.class, () -> manager.apply(badCpus));
        assertTrue(e.getMessage().contains("\"999999\"") && e.getMessage().contains("cpuset.cpus"), e.getMessage());
    }

    /** Of the cpu fields set, a refused period names the period (v2: the quota too, cpu.max holds both). */
    @Test
    void aRefusedWriteNamesTheFieldsOfItsFileNotTheControllersOthers() {
        Resources badPeriod = new Resources(null, new Resources.Cpu(512L, 42000L, null, 1L, null, null, null, null,
                null), null, null, null, null, null, null, null);
        CgroupException e = assertThrows(CgroupException.class, () -> manager.apply(badPeriod));
        String m = e.getMessage();
        assertTrue(m.startsWith("linux.resources.cpu.period: ")
                || m.startsWith("linux.resources.cpu.quota, linux.resources.cpu.period: "), m);
    }
}
