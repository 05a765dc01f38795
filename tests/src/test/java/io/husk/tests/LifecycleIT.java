package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A container on the real kernel: isolation seen from inside, the state machine, and a trace-free delete. */
class LifecycleIT extends ContainerFixture {
    @Override
    protected String idPrefix() {
        return "lc";
    }

    @Test
    void theContainerSeesItsOwnWorld() throws Exception {
        Files.writeString(bundle.rootfs().resolve("marker"), "inside");
        bundle.args("sh", "-c", "hostname; echo pid=$$; cat /marker; echo; cat /proc/self/mountinfo").write();
        HuskRunner.Result r = husk.run("run", "--bundle", bundle.dir().toString(), id);
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("husk", lines.get(0));
        assertEquals("pid=1", lines.get(1));
        assertEquals("inside", lines.get(2));
        // Mount points (field 5 of mountinfo) are the container's own: none of the host's shows through.
        List<String> mountPoints = lines.subList(3, lines.size()).stream().map(l -> l.split(" ")[4]).toList();
        assertEquals("/", mountPoints.getFirst());
        for (String hostOnly : List.of("/work", "/tmp", "/run", "/boot", "/home")) {
            assertFalse(mountPoints.stream().anyMatch(m -> m.startsWith(hostOnly)), hostOnly + " in " + mountPoints);
        }
    }

    @Test
    void theExitStatusPropagates() throws Exception {
        bundle.args("sh", "-c", "exit 7").write();
        assertEquals(7, husk.run("run", "--bundle", bundle.dir().toString(), id).exit());
        assertTrue(Traces.of(id, root, bundle.dir()).isEmpty(), "run leaves no trace");
    }

    @Test
    void runKeepLeavesTheStoppedContainerForDelete() throws Exception {
        bundle.args("sh", "-c", "exit 3").write();
        assertEquals(3, husk.run("run", "--keep", "--bundle", bundle.dir().toString(), id).exit());
        assertTrue(husk.ok("state", id).out().contains("\"status\": \"stopped\""));
        husk.ok("delete", id);
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
        HuskRunner.Result both = husk.run("run", "--keep", "-d", "--bundle", bundle.dir().toString(), id);
        assertEquals(1, both.exit());
        assertTrue(both.errLine().contains("--keep"), both.err());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void stateMovesFromCreatedToRunningToStopped() throws Exception {
        Path go = bundle.dir().resolve("go");
        bundle.args("sh", "-c", "while [ ! -e /go ]; do sleep 0.05; done").write();
        Files.createDirectories(bundle.rootfs());
        HuskRunner.Result create = husk.run("create", "--bundle", bundle.dir().toString(), id);
        assertEquals(0, create.exit(), create.err());
        assertEquals("", create.out(), "create writes nothing on stdout");
        assertTrue(husk.ok("state", id).out().contains("\"status\": \"created\""));
        husk.ok("start", id);
        assertTrue(husk.ok("state", id).out().contains("\"status\": \"running\""));
        Files.writeString(bundle.rootfs().resolve("go"), "");
        waitFor(() -> husk.ok("state", id).out().contains("\"status\": \"stopped\""));
        Files.deleteIfExists(go);
        husk.ok("delete", id);
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    /** create checks the file exists and is executable; the execve itself can still fail, after the gate. */
    @Test
    void startReportsAnExecveThatFailsAfterTheGate() throws Exception {
        Path script = bundle.rootfs().resolve("bad.sh");
        Files.writeString(script, "#!/no/such/interpreter\n");
        script.toFile().setExecutable(true);
        bundle.args("/bad.sh").write();
        husk.ok("create", "--bundle", bundle.dir().toString(), id);
        HuskRunner.Result start = husk.run("start", id);
        assertEquals(1, start.exit());
        assertTrue(start.errLine().contains("exec /bad.sh: No such file or directory"), start.err());
        assertEquals(1, start.err().split("exec /bad.sh", -1).length - 1, "said once: " + start.err());
        HuskRunner.Result run = husk.run("run", "--bundle", bundle.dir().toString(), id + "-run");
        assertEquals(1, run.exit());
        assertTrue(run.errLine().contains("exec /bad.sh: No such file or directory"), run.err());
        assertEquals(1, run.err().split("exec /bad.sh", -1).length - 1, "said once: " + run.err());
        husk.ok("delete", id); // start left it stopped, as runc does
        assertEquals(1, husk.run("state", id + "-run").exit(), "run removed its own");
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
        assertEquals(List.of(), Traces.of(id + "-run", root, bundle.dir()));
    }

    /**
     * execve's own rules for argv[0], checked at create: a directory is EACCES (engines map that to exit 126),
     * and a PATH of any length is searched whole.
     */
    @Test
    void aDirectoryIsNotExecutableAndALongPathIsSearchedWhole() throws Exception {
        bundle.args("/bin").write();
        HuskRunner.Result dir = husk.run("create", "--bundle", bundle.dir().toString(), id);
        assertEquals(1, dir.exit());
        assertTrue(dir.errLine().contains("exec /bin: Permission denied"), dir.err());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
        ((com.fasterxml.jackson.databind.node.ObjectNode) bundle.config().get("process")).putArray("env")
                .add("PATH=/" + "d".repeat(5000) + ":/bin");
        bundle.args("echo", "found").write();
        HuskRunner.Result run = husk.run("run", "--bundle", bundle.dir().toString(), id);
        assertEquals(0, run.exit(), run.err());
        assertEquals("found\n", run.out());
    }

    /**
     * No signal is ignored or blocked in the container, though the caller ignored some (conmon does): glibc's
     * reserved 32 and 33 included, which its signal() cannot reset. The caller here sets them with the raw syscall.
     */
    @Test
    void theProcessStartsWithNoSignalIgnoredOrBlocked() throws Exception {
        assumeTrue(TtyIT.python(), "python3 sets the caller's ignored signals");
        assumeTrue(System.getProperty("os.arch").equals("amd64"), "rt_sigaction is syscall 13 on x86_64");
        bundle.args("grep", "-E", "^Sig(Ign|Blk)", "/proc/self/status").write(); // (busybox sh ignores QUIT)
        String ignoring = "import ctypes, os, sys\n"
                + "ign = (ctypes.c_ulong * 4)(1, 0, 0, 0)\n"
                + "for s in (1, 10, 32, 33, 34):\n"
                + "    ctypes.CDLL(None).syscall(13, s, ctypes.byref(ign), None, 8)\n"
                + "os.execv(sys.argv[1], sys.argv[1:])\n";
        Path output = Files.createTempFile("husk-run", ".txt");
        try {
            Process p = new ProcessBuilder("python3", "-c", ignoring, HuskRunner.LAUNCHER.toString(), "--root",
                    root.toString(), "run", "--bundle", bundle.dir().toString(), id)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            String out = Files.readString(output);
            assertEquals(0, p.exitValue(), out);
            assertEquals(List.of("SigBlk:\t0000000000000000", "SigIgn:\t0000000000000000"), out.lines().toList());
        } finally {
            Files.delete(output);
        }
    }

    @Test
    void plainDeleteRefusesACreatedContainerAndChangesNothing() throws Exception {
        bundle.args("sleep", "100").write();
        husk.ok("create", "--bundle", bundle.dir().toString(), id);
        HuskRunner.Result d = husk.run("delete", id);
        assertEquals(1, d.exit());
        assertTrue(d.errLine().contains("not stopped"), d.err());
        assertTrue(husk.ok("state", id).out().contains("\"status\": \"created\""));
        husk.ok("delete", "--force", id);
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void killOnAStoppedContainerFailsAndChangesNothingButKillAllSucceeds() throws Exception {
        bundle.args("true").write();
        husk.ok("create", "--bundle", bundle.dir().toString(), id);
        husk.ok("kill", id, "0"); // signal 0: is it there (runc's kill takes it)
        assertTrue(husk.ok("state", id).out().contains("\"status\": \"created\""));
        husk.ok("start", id);
        waitFor(() -> husk.ok("state", id).out().contains("\"status\": \"stopped\""));
        HuskRunner.Result k = husk.run("kill", id, "KILL");
        assertEquals(1, k.exit());
        assertTrue(k.errLine().contains("container not running"), k.err());
        // --all signals what outlived the init; with nothing left it succeeds (containerd's shim relies on it)
        husk.ok("kill", "--all", id, "KILL");
        assertTrue(Files.exists(root.resolve(id)));
    }

    /**
     * Every signal reaches the init, TERM and KILL (sent without a native binding) as much as the others; and
     * the frequent commands say the same whether the picocli-free parser or picocli reads them ("--" sends a
     * command line to picocli).
     */
    @Test
    void signalsArriveAndBothParsersAgree() throws Exception {
        bundle.args("sh", "-c", "trap 'echo usr1 >> /got' USR1; trap 'echo term >> /got; exit 3' TERM;"
                + " while true; do sleep 0.05; done");
        ((com.fasterxml.jackson.databind.node.ObjectNode) bundle.config().get("root")).put("readonly", false);
        bundle.write();
        husk.ok("create", "--bundle", bundle.dir().toString(), id);
        assertEquals(husk.ok("state", id).out(), husk.ok("state", "--", id).out());
        assertEquals(husk.ok("list", "-q").out(), husk.ok("list", "--quiet", "--").out());
        husk.ok("start", id);
        Path got = bundle.rootfs().resolve("got");
        husk.ok("kill", id, "USR1");
        waitFor(() -> Files.exists(got) && read(got).contains("usr1"));
        husk.ok("kill", id);
        waitFor(() -> read(got).contains("term"));
        waitFor(() -> husk.ok("state", id).out().contains("\"status\": \"stopped\""));
        HuskRunner.Result again = husk.run("kill", id, "TERM");
        assertEquals(1, again.exit(), again.err());
        husk.ok("delete", id);
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /**
     * delete takes the processes of a container with its own pid namespace for gone once its init died, without
     * reading its cgroups; a process in the cgroup but outside that namespace (here one the host moved in) must
     * still be found and killed, and the cgroup removed.
     */
    @Test
    void deleteKillsAProcessThatOutlivedThePidNamespace() throws Exception {
        bundle.args("sleep", "1000").write();
        husk.ok("create", "--bundle", bundle.dir().toString(), id);
        husk.ok("start", id);
        Process stray = new ProcessBuilder("sleep", "1000").start();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                String[] f = line.split(":", 3);
                String hierarchy = f[1].isEmpty() ? "unified" : f[1].replace("name=", "");
                Path procs = Path.of("/sys/fs/cgroup", hierarchy, "husk", id, "cgroup.procs");
                if (Files.exists(procs)) {
                    Files.writeString(procs, Long.toString(stray.pid()));
                }
            }
            husk.ok("kill", id, "KILL");
            waitFor(() -> husk.ok("state", id).out().contains("\"status\": \"stopped\""));
            assertTrue(stray.isAlive(), "the moved process is outside the pid namespace");
            husk.ok("delete", id);
            assertTrue(stray.waitFor(5, java.util.concurrent.TimeUnit.SECONDS), "delete killed it");
            assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
        } finally {
            stray.destroyForcibly();
        }
    }

    static void waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not reached in 15 s");
            }
            Thread.sleep(50);
        }
    }
}
