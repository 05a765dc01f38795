package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Foreground run under the native supervisor, kill --all, and leftovers of a container without a pid namespace. */
class RunIT {
    private Path root;
    private HuskRunner husk;
    private Bundle bundle;
    private String id;
    private Process run;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("husk-root");
        husk = new HuskRunner(root);
        id = "run-" + Long.toHexString(System.nanoTime());
        bundle = Bundle.busybox().noDeviceRules();
        ((ObjectNode) bundle.config().get("root")).put("readonly", false);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (run != null) {
            run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        husk.run("delete", "--force", id);
        bundle.close();
        Files.deleteIfExists(root);
    }

    /** Starts a foreground run and waits until the container is up and husk has become the supervisor. */
    private void startForeground() throws Exception {
        run = new ProcessBuilder(HuskRunner.LAUNCHER.toString(), "--root", root.toString(), "run", "--bundle",
                bundle.dir().toString(), id).redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Path cmdline = Path.of("/proc", Long.toString(run.pid()), "cmdline");
        LifecycleIT.waitFor(() -> Files.exists(bundle.rootfs().resolve("ready"))
                && read(cmdline).contains("supervise"));
        // ps and top show a name, not the number of the memfd it runs from
        LifecycleIT.waitFor(() -> read(Path.of("/proc", Long.toString(run.pid()), "comm")).equals("husk-supervise\n"));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "";
        }
    }

    private int exitOfRun() throws Exception {
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "run returned");
        return run.exitValue();
    }

    @Test
    void foregroundRunForwardsSignals() throws Exception {
        bundle.args("sh", "-c", "trap 'exit 9' TERM; touch /ready; while :; do sleep 0.1; done").write();
        startForeground();
        new ProcessBuilder("kill", "-TERM", Long.toString(run.pid())).start().waitFor();
        assertEquals(9, exitOfRun());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    /**
     * A TERM while husk is still creating (here: in a 2 s createRuntime hook) neither ends husk halfway, leaving
     * state and cgroups behind, nor is lost: it reaches the container once it runs. Without a pid namespace the
     * container's sleep is no init, so TERM's default action ends it and run reports 128+15.
     */
    @Test
    void aSignalDuringCreateIsHeldThenGivenToTheContainer() throws Exception {
        com.fasterxml.jackson.databind.node.ArrayNode ns = (com.fasterxml.jackson.databind.node.ArrayNode)
                bundle.linux().get("namespaces");
        for (int i = ns.size() - 1; i >= 0; i--) {
            if (ns.get(i).get("type").asText().equals("pid")) {
                ns.remove(i);
            }
        }
        ObjectNode hook = bundle.config().putObject("hooks").putArray("createRuntime").addObject();
        hook.put("path", "/bin/sleep");
        hook.putArray("args").add("sleep").add("2");
        bundle.args("sleep", "30").write();
        run = new ProcessBuilder(HuskRunner.LAUNCHER.toString(), "--root", root.toString(), "run", "--bundle",
                bundle.dir().toString(), id).redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(1000);
        run.destroy(); // SIGTERM to husk, mid-create
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "run ended");
        assertEquals(128 + 15, run.exitValue(), "the container got the TERM");
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    /** Ctrl-Z without a terminal: like runc, the supervisor passes SIGTSTP on instead of stopping itself. */
    @Test
    void foregroundRunForwardsSigtstpInsteadOfStopping() throws Exception {
        bundle.args("sh", "-c", "trap 'exit 5' TSTP; touch /ready; while :; do sleep 0.1; done").write();
        startForeground();
        new ProcessBuilder("kill", "-TSTP", Long.toString(run.pid())).start().waitFor();
        assertEquals(5, exitOfRun());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void aContainerKilledBySignalMakesRunReturn128PlusN() throws Exception {
        bundle.args("sh", "-c", "touch /ready; exec sleep 1000").write();
        startForeground();
        husk.ok("kill", id, "KILL");
        assertEquals(128 + 9, exitOfRun());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void killAllReachesEveryProcess() throws Exception {
        bundle.args("sh", "-c", "sleep 1000 & sleep 1000 & touch /ready; wait").write();
        husk.ok("run", "--detach", "--bundle", bundle.dir().toString(), id);
        LifecycleIT.waitFor(() -> Files.exists(bundle.rootfs().resolve("ready")));
        List<Long> pids = cgroupPids();
        assertTrue(pids.size() >= 3, "init and two sleeps: " + pids);
        husk.ok("kill", "--all", id, "STOP");
        for (long pid : pids) { // a signal is delivered when the task next runs: on a busy host, not at once
            LifecycleIT.waitFor(() -> read(Path.of("/proc", Long.toString(pid), "stat")).contains(") T "));
        }
        husk.ok("delete", "--force", id);
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void withoutAPidNamespaceLeftoversAreStillReached() throws Exception {
        ArrayNode ns = (ArrayNode) bundle.linux().get("namespaces");
        for (int i = ns.size() - 1; i >= 0; i--) {
            if (ns.get(i).get("type").asText().equals("pid")) {
                ns.remove(i);
            }
        }
        bundle.args("sh", "-c", "sleep 1000 & sleep 1000 & exit 0").write();
        husk.ok("run", "--detach", "--bundle", bundle.dir().toString(), id);
        LifecycleIT.waitFor(() -> husk.ok("state", id).out().contains("\"status\": \"stopped\""));
        List<Long> leftovers = cgroupPids();
        assertEquals(2, leftovers.size(), "the two sleeps outlive the init: " + leftovers);
        HuskRunner.Result plain = husk.run("kill", id, "KILL");
        assertEquals(1, plain.exit());
        assertTrue(plain.errLine().contains("container not running"), plain.err());
        husk.ok("kill", "--all", id, "STOP");
        husk.ok("delete", id);
        for (long pid : leftovers) {
            assertFalse(Files.exists(Path.of("/proc", Long.toString(pid), "cmdline"))
                    && read(Path.of("/proc", Long.toString(pid), "cmdline")).contains("sleep"), "left alive: " + pid);
        }
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void plainDeleteRefusesARunningContainerAndForceKillsIt() throws Exception {
        bundle.args("sleep", "1000").write();
        husk.ok("run", "--detach", "--bundle", bundle.dir().toString(), id);
        HuskRunner.Result d = husk.run("delete", id);
        assertEquals(1, d.exit());
        assertTrue(husk.ok("state", id).out().contains("\"status\": \"running\""));
        husk.ok("delete", "--force", id);
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    /** The pids in the container's cgroup (pids or unified hierarchy, as the init's /proc/PID/cgroup says). */
    private List<Long> cgroupPids() throws Exception {
        List<Long> out = new ArrayList<>();
        for (Path procs : List.of(Path.of("/sys/fs/cgroup/pids/husk", id, "cgroup.procs"),
                Path.of("/sys/fs/cgroup/husk", id, "cgroup.procs"))) {
            if (Files.exists(procs)) {
                for (String l : Files.readAllLines(procs)) {
                    out.add(Long.parseLong(l.strip()));
                }
                return out;
            }
        }
        throw new AssertionError("no cgroup.procs for " + id);
    }
}
