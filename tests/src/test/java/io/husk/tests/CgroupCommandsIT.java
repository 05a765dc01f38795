package io.husk.tests;

import static io.husk.tests.LifecycleIT.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * pause, resume, update, events and ps on this host's own cgroup v1 hierarchies: every effect is read back from
 * the cgroup files while the container runs.
 */
class CgroupCommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path V1 = Path.of("/sys/fs/cgroup");

    private Path root;
    private HuskRunner husk;
    private Bundle bundle;
    private String id;
    private Process events;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("husk-root");
        husk = new HuskRunner(root);
        id = "cg-" + Long.toHexString(System.nanoTime());
        bundle = Bundle.busybox();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (events != null) {
            events.destroyForcibly().waitFor();
        }
        husk.run("delete", "--force", id);
        bundle.close();
        Files.deleteIfExists(root);
    }

    private void runDetached(String... args) throws IOException {
        bundle.args(args).write();
        husk.ok("run", "-d", "--bundle", bundle.dir().toString(), id);
    }

    private String status() {
        return husk.ok("state", id).out().replaceAll("(?s).*\"status\": \"([a-z]+)\".*", "$1");
    }

    private String cgroupFile(String controller, String file) throws IOException {
        return Files.readString(V1.resolve(controller).resolve("husk").resolve(id).resolve(file)).strip();
    }

    @Test
    void pauseFreezesAndResumeThaws() throws Exception {
        runDetached("sleep", "300");
        husk.ok("pause", id);
        assertEquals("paused", status());
        assertEquals("FROZEN", cgroupFile("freezer", "freezer.state"));
        HuskRunner.Result again = husk.run("pause", id);
        assertEquals(1, again.exit());
        assertTrue(again.errLine().contains("not running"), again.err());
        husk.ok("resume", id);
        assertEquals("running", status());
        assertEquals("THAWED", cgroupFile("freezer", "freezer.state"));
        HuskRunner.Result notPaused = husk.run("resume", id);
        assertEquals(1, notPaused.exit());
        assertTrue(notPaused.errLine().contains("not paused"), notPaused.err());
    }

    @Test
    void aCreatedContainerPausesAtItsGateAndStartWaitsForResume() throws Exception {
        bundle.args("sleep", "300").write();
        husk.ok("create", "--bundle", bundle.dir().toString(), id);
        husk.ok("pause", id);
        assertEquals("paused", status());
        assertEquals("FROZEN", cgroupFile("freezer", "freezer.state"));
        HuskRunner.Result start = husk.run("start", id);
        assertEquals(1, start.exit());
        assertTrue(start.errLine().contains("it is paused, not created"), start.err());
        husk.ok("resume", id);
        assertEquals("created", status());
        husk.ok("start", id);
        assertEquals("running", status());
        husk.ok("pause", id);
        husk.ok("delete", "--force", id);
        assertFalse(Files.exists(V1.resolve("freezer").resolve("husk").resolve(id)), "the frozen cgroup is gone");
    }

    /** runc's update rules: 0 leaves a limit alone, and --memory -1 lifts the memory+swap limit with it. */
    @Test
    void updateZeroKeepsALimitAndUnlimitedMemoryLiftsSwap() throws Exception {
        runDetached("sleep", "300");
        husk.ok("update", "--memory", "64m", "--memory-swap", "128m", "--pids-limit", "50", id);
        husk.ok("update", "--memory-reservation", "32m", id);
        husk.ok("update", "--memory", "0", "--pids-limit", "0", "--memory-reservation", "0", id);
        Path zeros = bundle.dir().resolve("zeros.json");
        Files.writeString(zeros, "{\"memory\":{\"limit\":0,\"reservation\":0,\"swap\":0},"
                + "\"cpu\":{\"quota\":0,\"period\":0,\"shares\":0},\"pids\":{\"limit\":0},\"blockIO\":{\"weight\":0}}");
        husk.ok("update", "-r", zeros.toString(), id); // the document's zeros leave limits alone too
        assertEquals("67108864", cgroupFile("memory", "memory.limit_in_bytes"));
        assertEquals("33554432", cgroupFile("memory", "memory.soft_limit_in_bytes"));
        assertEquals("50", cgroupFile("pids", "pids.max"));
        husk.ok("update", "--memory", "-1", id);
        assertEquals(Long.MAX_VALUE / 4096 * 4096, Long.parseLong(cgroupFile("memory", "memory.limit_in_bytes")));
        if (Files.exists(V1.resolve("memory/husk").resolve(id).resolve("memory.memsw.limit_in_bytes"))) {
            assertEquals(Long.MAX_VALUE / 4096 * 4096,
                    Long.parseLong(cgroupFile("memory", "memory.memsw.limit_in_bytes")));
        }
    }

    @Test
    void updateWritesOnlyTheGivenFields() throws Exception {
        runDetached("sleep", "300");
        husk.ok("update", "--memory", "64m", "--cpu-quota", "42000", "--cpu-period", "100000", id);
        assertEquals("67108864", cgroupFile("memory", "memory.limit_in_bytes"));
        assertEquals("42000", cgroupFile("cpu", "cpu.cfs_quota_us"));
        assertEquals("100000", cgroupFile("cpu", "cpu.cfs_period_us"));
        husk.ok("update", "--cpu-quota", "21000", id);
        assertEquals("21000", cgroupFile("cpu", "cpu.cfs_quota_us"));
        assertEquals("100000", cgroupFile("cpu", "cpu.cfs_period_us"), "the period is kept");
        assertEquals("67108864", cgroupFile("memory", "memory.limit_in_bytes"), "memory is untouched");
        husk.ok("update", "--pids-limit", "42", "--cpu-share", "512", "--memory-reservation", "1.5m", id);
        assertEquals("42", cgroupFile("pids", "pids.max"));
        assertEquals("512", cgroupFile("cpu", "cpu.shares"));
        assertEquals("1572864", cgroupFile("memory", "memory.soft_limit_in_bytes"));
        assertEquals("running", status());
    }

    @Test
    void updateReadsResourcesFromAFileOrStdin() throws Exception {
        runDetached("sleep", "300");
        Path file = bundle.dir().resolve("resources.json");
        Files.writeString(file, "{\"memory\":{\"limit\":134217728},\"pids\":{\"limit\":7}}");
        husk.ok("update", "-r", file.toString(), id);
        assertEquals("134217728", cgroupFile("memory", "memory.limit_in_bytes"));
        assertEquals("7", cgroupFile("pids", "pids.max"));
        Files.writeString(file, "{\"cpu\":{\"quota\":30000,\"period\":60000}}");
        HuskRunner.Result r = husk.run(file, "update", "--resources", "-", id);
        assertEquals(0, r.exit(), r.err());
        assertEquals("30000", cgroupFile("cpu", "cpu.cfs_quota_us"));
        assertEquals("60000", cgroupFile("cpu", "cpu.cfs_period_us"));
    }

    @Test
    void updateRefusesWhatItCannotDoAndChangesNothing() throws Exception {
        runDetached("sleep", "300");
        husk.ok("update", "--memory", "64m", id);
        Path file = bundle.dir().resolve("resources.json");
        Files.writeString(file, "{\"memory\":{\"limit\":1048576}}");
        List<List<String>> bad = List.of(List.of("--kernel-memory", "32m"), List.of("--kernel-memory-tcp", "1m"),
                List.of("--l3-cache-schema", "L3:0=f"), List.of("--mem-bw-schema", "MB:0=70"),
                List.of("--memory", "12x"), List.of("--cpu-period", "-5"),
                List.of("-r", file.toString(), "--memory", "1m"),
                List.of("-r", bundle.dir().resolve("missing.json").toString()));
        for (List<String> flags : bad) {
            List<String> args = new ArrayList<>(List.of("update"));
            args.addAll(flags);
            args.add(id);
            HuskRunner.Result r = husk.run(args.toArray(String[]::new));
            assertEquals(1, r.exit(), flags + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), flags + ": one line: " + r.err());
            String named = flags.getFirst().equals("-r") ? "--resources" : flags.getFirst();
            assertTrue(r.errLine().contains(named), flags + ": " + r.err());
            assertEquals("67108864", cgroupFile("memory", "memory.limit_in_bytes"), flags + " changed nothing");
        }
    }

    /** A value only the kernel refuses names the field as the user gave it: the flag, or the document's path. */
    @Test
    void updateNamesAKernelRefusalByTheFlagOrTheDocumentField() throws Exception {
        runDetached("sleep", "300");
        husk.ok("update", "--cpu-quota", "42000", "--cpu-period", "100000", id);
        HuskRunner.Result flag = husk.run("update", "--cpu-share", "512", "--cpu-period", "1", id);
        assertEquals(1, flag.exit(), flag.err());
        assertTrue(flag.errLine().contains("update " + id + ": --cpu-period: cannot write \\\"1\\\" to "),
                flag.err());
        Path file = bundle.dir().resolve("resources.json");
        Files.writeString(file, "{\"cpu\":{\"cpus\":\"0-4095\"}}");
        HuskRunner.Result doc = husk.run("update", "-r", file.toString(), id);
        assertEquals(1, doc.exit(), doc.err());
        assertTrue(doc.errLine().contains("update " + id + ": " + file + ": cpu.cpus: cannot write "), doc.err());
        assertEquals("100000", cgroupFile("cpu", "cpu.cfs_period_us"));
    }

    /** An init (or husk-init before it) the OOM killer ends during create: create says so and names the limit. */
    @Test
    void createSaysTheOomKillerEndedAnInitOverItsMemoryLimit() throws Exception {
        bundle.args("true").linux().with("resources").with("memory").put("limit", 8192);
        bundle.write();
        HuskRunner.Result create = husk.run("create", "--bundle", bundle.dir().toString(), id);
        assertEquals(1, create.exit());
        assertTrue(create.errLine().contains("was killed by SIGKILL before it was ready: the kernel's OOM killer"
                + " ended it, the memory cgroup is full (linux.resources.memory.limit 8192 bytes is too low)"),
                create.err());
        assertEquals(1, husk.run("state", id).exit(), "nothing left");
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
        if (Files.exists(V1.resolve("memory/memory.memsw.limit_in_bytes"))) {
            // no swap (swap = limit): v1 counts the hit against memory+swap, and it is still the container's own
            bundle.linux().with("resources").with("memory").put("limit", 150000).put("swap", 150000);
            bundle.write();
            assertCreateFailsSaying("(linux.resources.memory.limit 150000 bytes is too low)");
        }
    }

    /** A parent cgroup's limit OOM-kills the init too: create says so, and does not blame the container's own. */
    @Test
    void createDoesNotBlameItsOwnLimitWhenAParentsMemoryRanOut() throws Exception {
        Path parent = V1.resolve("memory/husk-test-oom-" + Long.toHexString(System.nanoTime()));
        Files.createDirectory(parent);
        try {
            Files.writeString(parent.resolve("memory.limit_in_bytes"), "65536");
            bundle.args("true").linux().put("cgroupsPath", "/" + parent.getFileName() + "/" + id)
                    .with("resources").with("memory").put("limit", 1L << 30);
            bundle.write();
            HuskRunner.Result create = assertCreateFailsSaying("the kernel's OOM killer ended it, the memory of a"
                    + " parent cgroup or of the host ran out");
            assertFalse(create.errLine().contains("too low"), create.err());
            // a parent just below the container's own limit: v1 shows the child's peak at its limit all the same
            Files.writeString(parent.resolve("memory.limit_in_bytes"), "150000");
            bundle.linux().with("resources").with("memory").put("limit", 300000);
            bundle.write();
            assertCreateFailsSaying("the memory of a parent cgroup or of the host ran out");
        } finally {
            husk.run("delete", "--force", id);
            for (Path hierarchy : Files.newDirectoryStream(V1)) { // husk may have made the parent elsewhere too
                Path made = hierarchy.resolve(parent.getFileName());
                try {
                    Files.deleteIfExists(made.resolve(id));
                    Files.deleteIfExists(made);
                } catch (IOException e) {
                    System.err.println("cleanup: " + made + ": " + e); // not to hide the test's own failure
                }
            }
        }
    }

    /** create exits 1 with the text in its one error line, and leaves nothing behind. */
    private HuskRunner.Result assertCreateFailsSaying(String text) throws IOException {
        HuskRunner.Result create = husk.run("create", "--bundle", bundle.dir().toString(), id);
        assertEquals(1, create.exit());
        assertTrue(create.errLine().contains(text), create.err());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
        return create;
    }

    @Test
    void updateOfAStoppedContainerFails() throws Exception {
        bundle.args("true").write();
        husk.ok("create", "--bundle", bundle.dir().toString(), id);
        husk.ok("start", id);
        waitFor(() -> status().equals("stopped"));
        HuskRunner.Result r = husk.run("update", "--memory", "64m", id);
        assertEquals(1, r.exit());
        assertTrue(r.errLine().contains("stopped"), r.err());
    }

    @Test
    void eventsStatsPrintsOneEventInRuncsEnvelope() throws Exception {
        runDetached("sleep", "300");
        husk.ok("update", "--memory", "64m", "--pids-limit", "20", id);
        String out = husk.ok("events", "--stats", id).out();
        assertEquals(1, out.lines().count(), out);
        JsonNode e = JSON.readTree(out);
        assertEquals("stats", e.get("type").asText());
        assertEquals(id, e.get("id").asText());
        JsonNode data = e.get("data");
        assertEquals(67108864L, data.at("/memory/usage/limit").asLong());
        assertEquals(20, data.at("/pids/limit").asInt());
        assertEquals(1, data.at("/pids/current").asInt());
        assertTrue(data.at("/cpu/usage/total").isNumber(), out);
        assertTrue(data.has("blkio"), out);
    }

    @Test
    void eventsStreamsStatsAndReportsAnOomUntilTheContainerStops() throws Exception {
        runDetached("sh", "-c", "while [ ! -e /go ]; do sleep 0.1; done; head -c 256m /dev/zero | tail >/dev/null");
        husk.ok("update", "--memory", "32m", "--memory-swap", "32m", id);
        Path out = Files.createTempFile("husk-events", ".json");
        try {
            events = new ProcessBuilder(HuskRunner.LAUNCHER.toString(), "--root", root.toString(), "events",
                    "--interval", "200ms", id).redirectInput(new File("/dev/null")).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            waitFor(() -> lines(out).stream().anyMatch(l -> l.contains("\"type\":\"stats\"")));
            Files.writeString(bundle.rootfs().resolve("go"), "");
            assertTrue(events.waitFor(60, TimeUnit.SECONDS), "events ends once the container stops");
            assertEquals(0, events.exitValue());
            List<String> lines = lines(out);
            assertTrue(lines.contains("{\"type\":\"oom\",\"id\":\"" + id + "\"}"), String.join("\n", lines));
            assertTrue(Long.parseLong(cgroupFile("memory", "memory.oom_control")
                    .replaceAll("(?s).*oom_kill (\\d+).*", "$1")) >= 1);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void psListsTheProcessesOfTheCgroup() throws Exception {
        runDetached("sh", "-c", "sleep 300 & exec sleep 301");
        waitFor(() -> pids().size() == 2);
        JsonNode json = JSON.readTree(husk.ok("ps", "--format", "json", id).out());
        List<Integer> listed = new ArrayList<>();
        json.forEach(n -> listed.add(n.asInt()));
        assertEquals(pids(), listed);
        List<String> table = husk.ok("ps", id).out().lines().toList();
        assertEquals(List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"),
                List.of(table.getFirst().trim().split("\\s+")));
        assertEquals(3, table.size(), String.join("\n", table));
        assertTrue(table.get(1).matches("root +" + listed.get(0) + " .* sleep 30[01]"), table.get(1));
        HuskRunner.Result opts = husk.run("ps", id, "--", "-o", "pid");
        assertEquals(1, opts.exit());
        assertTrue(opts.errLine().contains("not supported"), opts.err());
    }

    private List<Integer> pids() {
        try {
            return Files.readAllLines(V1.resolve("pids/husk").resolve(id).resolve("cgroup.procs")).stream()
                    .map(Integer::parseInt).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void deleteForceOfAPausedContainerThawsKillsAndRemovesIt() throws Exception {
        runDetached("sleep", "300");
        husk.ok("pause", id);
        assertEquals("paused", status());
        husk.ok("delete", "--force", id);
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void killAllSignalsEveryProcessOfTheCgroup() throws Exception {
        // Three processes: the shell and its two children; --all reaches each of them, not only the init.
        runDetached("sh", "-c", "sleep 300 & sleep 301; wait");
        waitFor(() -> pids().size() == 3);
        husk.ok("kill", "--all", id, "KILL");
        waitFor(() -> pids().isEmpty());
        assertEquals("stopped", status());
    }

    /** SIGKILL cannot reach a frozen task: kill thaws the cgroup after sending it, as runc does. */
    @Test
    void killOfAPausedContainerThawsItSoItDies() throws Exception {
        runDetached("sleep", "300");
        husk.ok("pause", id);
        husk.ok("kill", id, "KILL");
        waitFor(() -> status().equals("stopped"));
        husk.ok("delete", id);
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    /** Sub-cgroups the container made inside its own go with it; nothing is left in any hierarchy. */
    @Test
    void deleteForceRemovesSubCgroupsTheContainerMade() throws Exception {
        runDetached("sleep", "300");
        for (String controller : new String[] {"pids", "memory", "freezer"}) {
            Files.createDirectories(V1.resolve(controller).resolve("husk").resolve(id).resolve("sub/deeper"));
        }
        husk.ok("pause", id);
        husk.ok("delete", "--force", id);
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    /** A cgroup that already holds processes is another's: taking it would let delete kill them. */
    @Test
    void aCgroupWithProcessesIsRefused() throws Exception {
        runDetached("sleep", "300");
        String other = id + "-b";
        try (Bundle second = Bundle.busybox()) {
            second.args("sleep", "300").cgroupsPath("/husk/" + id).write();
            HuskRunner.Result r = husk.run("create", "--bundle", second.dir().toString(), other);
            assertEquals(1, r.exit(), r.err());
            assertTrue(r.errLine().contains("linux.cgroupsPath /husk/" + id) && r.errLine().contains("not empty"),
                    r.err());
            second.cgroupsPath("/").write();
            HuskRunner.Result host = husk.run("create", "--bundle", second.dir().toString(), other);
            assertEquals(1, host.exit(), host.err());
            assertTrue(host.errLine().contains("not empty"), host.err());
            assertEquals(List.of(), Traces.of(other, root, second.dir()));
        }
        assertEquals("running", status());
    }
}
