package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** exec into a running busybox container, one flag at a time, on the real kernel. */
class ExecIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path root;
    private HuskRunner husk;
    private Bundle bundle;
    private String id;
    private long initPid;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("husk-root");
        husk = new HuskRunner(root);
        id = "exec-" + Long.toHexString(System.nanoTime());
        bundle = Bundle.busybox("sleep", "1000").noDeviceRules();
        Path etc = bundle.rootfs().resolve("etc");
        Files.createDirectories(etc);
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n"
                + "alice:x:1000:1001:alice:/home/alice:/bin/sh\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\nstaff:x:50:\nalicegrp:x:1001:\n");
        bundle.write();
        husk.ok("run", "--detach", "--bundle", bundle.dir().toString(), id);
        initPid = JSON.readTree(husk.ok("state", id).out()).get("pid").asLong();
    }

    @AfterEach
    void tearDown() throws Exception {
        husk.run("delete", "--force", id);
        bundle.close();
        Files.deleteIfExists(root);
    }

    private String out(String... args) {
        return husk.ok(args).out();
    }

    @Test
    void runsWithItsOwnUserCwdAndEnv() {
        assertEquals("uid=1000(alice) gid=1001(alicegrp)\n/home/alice\n",
                out("exec", "--user", "alice", id, "sh", "-c", "id; echo $HOME"));
        String r = out("exec", "--user", "1000:staff", "--cwd", "/etc", "--env", "FOO=bar", "--env", "TERM=dumb",
                id, "sh", "-c", "id; pwd; echo $FOO $TERM; echo $PATH");
        assertEquals(List.of("uid=1000(alice) gid=50(staff)", "/etc", "bar dumb",
                "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), r.lines().toList());
        HuskRunner.Result wraps = husk.run("exec", "--user", "4294967296:0", id, "id");
        assertEquals(255, wraps.exit(), "2^32 would wrap to root");
        assertTrue(wraps.errLine().contains("is not a uid or gid"), wraps.err());
        HuskRunner.Result bad = husk.run("exec", "--user", "nobody-here", id, "true");
        assertEquals(255, bad.exit(), "runc's status for an exec that fails before its process runs");
        assertTrue(bad.errLine().contains("--user"), bad.err());
    }

    @Test
    void aProcessFileBringsOnlyItsOwnEnvPlusHome() throws Exception {
        Path file = Files.createTempFile("husk-process", ".json");
        try {
            Files.writeString(file, "{\"args\":[\"/bin/env\"],\"env\":[\"ONLY=this\"],\"cwd\":\"/tmp\","
                    + "\"user\":{\"uid\":1000,\"gid\":1001}}");
            List<String> env = out("exec", "--process", file.toString(), id).lines().sorted().toList();
            assertEquals(List.of("HOME=/home/alice", "ONLY=this"), env);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void capabilitiesRlimitsAndNoNewPrivsFollowTheConfigAndCap() {
        String plain = out("exec", id, "sh", "-c", "grep -E 'CapEff|NoNewPrivs' /proc/self/status; ulimit -n");
        assertTrue(plain.contains("NoNewPrivs:\t1"), plain);
        assertTrue(plain.strip().endsWith("1024"), plain);
        long eff = capEff(plain);
        assertEquals(0, eff & (1L << 21), "CAP_SYS_ADMIN is not in the config");
        long added = capEff(out("exec", "--cap", "CAP_SYS_ADMIN", id, "grep", "CapEff", "/proc/self/status"));
        assertEquals(eff | (1L << 21), added);
    }

    private static long capEff(String status) {
        String line = status.lines().filter(l -> l.startsWith("CapEff:")).findFirst().orElseThrow();
        return Long.parseUnsignedLong(line.substring(7).strip(), 16);
    }

    @Test
    void theExitStatusIsTheProcesssOwn() {
        assertEquals(42, husk.run("exec", id, "sh", "-c", "exit 42").exit());
        assertEquals(128 + 15, husk.run("exec", id, "sh", "-c", "kill -TERM $$").exit());
        HuskRunner.Result missing = husk.run("exec", id, "no-such-command");
        assertTrue(missing.exit() != 0 && missing.errLine().contains("no-such-command"), missing.err());
    }

    /** The file is there and executable, so only the execve itself fails: both modes say why, and fail. */
    @Test
    void anExecveThatFailsIsReportedInBothModes() throws Exception {
        Path script = bundle.rootfs().resolve("bad.sh");
        Files.writeString(script, "#!/no/such/interpreter\n");
        script.toFile().setExecutable(true);
        for (String mode : List.of("--user=0", "--detach")) {
            HuskRunner.Result r = husk.run("exec", mode, id, "/bad.sh");
            assertEquals(255, r.exit(), mode);
            assertTrue(r.errLine().contains("exec /bad.sh: No such file or directory"), mode + ": " + r.err());
        }
        assertEquals("ok\n", out("exec", id, "echo", "ok"), "the container is unharmed");
    }

    @Test
    void detachedExecJoinsEveryNamespaceAndTheCgroup() throws Exception {
        Path pidFile = root.resolve("exec.pid");
        husk.ok("exec", "--detach", "--pid-file", pidFile.toString(), id, "sleep", "1000");
        String text = Files.readString(pidFile);
        Files.delete(pidFile);
        assertTrue(text.matches("[0-9]+"), "only the pid: " + text);
        long pid = Long.parseLong(text);
        for (String ns : List.of("cgroup", "ipc", "mnt", "net", "pid", "user", "uts", "time")) {
            Path mine = Path.of("/proc", Long.toString(pid), "ns", ns);
            if (Files.exists(mine)) {
                assertEquals(Files.readSymbolicLink(Path.of("/proc", Long.toString(initPid), "ns", ns)),
                        Files.readSymbolicLink(mine), ns);
            }
        }
        assertEquals(Files.readString(Path.of("/proc", Long.toString(initPid), "cgroup")),
                Files.readString(Path.of("/proc", Long.toString(pid), "cgroup")));
    }

    @Test
    void preservedFdsPassThrough() throws Exception {
        Path file = Files.createTempFile("husk-fd", ".txt");
        try {
            Files.writeString(file, "passed-through");
            Process p = new ProcessBuilder("sh", "-c", "exec 3<\"$0\"; exec \"$1\" --root \"$2\" exec"
                    + " --preserve-fds 1 \"$3\" cat /proc/self/fd/3", file.toString(), HuskRunner.LAUNCHER.toString(),
                    root.toString(), id).redirectInput(new File("/dev/null")).redirectErrorStream(true).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals("passed-through", new String(p.getInputStream().readAllBytes()).strip());
            assertEquals(0, p.exitValue());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void hostFilesGivenAsStdioKeepTheirOwnerAndMode() throws Exception {
        Path file = Files.createTempFile("husk-stdin", ".txt");
        try {
            Files.writeString(file, "from-the-host\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
            Object owner = Files.getAttribute(file, "unix:uid");
            Object nullMode = Files.getAttribute(Path.of("/dev/null"), "unix:mode");
            HuskRunner.Result r = husk.run(file, "exec", "--user", "alice", id, "sh", "-c", "cat; true");
            assertEquals(0, r.exit(), r.err());
            assertEquals("from-the-host", r.out().strip(), "the exec'd process reads the fd it was given");
            assertEquals(owner, Files.getAttribute(file, "unix:uid"));
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            husk.ok("exec", "--user", "alice", id, "true");
            assertEquals(nullMode, Files.getAttribute(Path.of("/dev/null"), "unix:mode"));
            assertEquals(0, Files.getAttribute(Path.of("/dev/null"), "unix:uid"));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void execIntoAPausedContainerReturns255AtOnce() throws Exception {
        Path freezer = freezerFile();
        String frozen = freezer.getFileName().toString().equals("cgroup.freeze") ? "1" : "FROZEN";
        String thawed = frozen.equals("1") ? "0" : "THAWED";
        Files.writeString(freezer, frozen);
        try {
            LifecycleIT.waitFor(() -> husk.ok("state", id).out().contains("\"status\": \"paused\""));
            HuskRunner.Result r = husk.run("exec", id, "true");
            assertEquals(255, r.exit());
            assertTrue(r.errLine().contains("paused"), r.err());
        } finally {
            Files.writeString(freezer, thawed);
        }
    }

    /** The container's freezer control, as its init's /proc/PID/cgroup names it (v1 freezer or v2). */
    private Path freezerFile() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(initPid), "cgroup"))) {
            String[] f = line.split(":", 3);
            if (f[1].equals("freezer")) {
                return Path.of("/sys/fs/cgroup/freezer" + f[2], "freezer.state");
            }
            if (f[0].equals("0") && f[1].isEmpty() && Files.isDirectory(Path.of("/sys/fs/cgroup" + f[2]))
                    && Files.exists(Path.of("/sys/fs/cgroup" + f[2], "cgroup.freeze"))) {
                return Path.of("/sys/fs/cgroup" + f[2], "cgroup.freeze");
            }
        }
        throw new AssertionError("no freezer for " + id);
    }

    /** runc's rule: a process file without capabilities runs with the container's, never the caller's. */
    @Test
    void aProcessFileWithoutCapabilitiesGetsTheContainersAndCapNeverTouchesInheritable() throws Exception {
        Path file = Files.createTempFile("husk-process", ".json");
        try {
            Files.writeString(file, "{\"user\": {\"uid\": 0, \"gid\": 0}, \"cwd\": \"/\", \"args\": [\"grep\","
                    + " \"^Cap\", \"/proc/self/status\"]}");
            String init = Files.readAllLines(Path.of("/proc", Long.toString(initPid), "status")).stream()
                    .filter(l -> l.startsWith("CapBnd:") || l.startsWith("CapEff:")).reduce("", (a, b) -> a + b);
            String viaFile = out("exec", "--process", file.toString(), id).lines()
                    .filter(l -> l.startsWith("CapBnd:") || l.startsWith("CapEff:")).reduce("", (a, b) -> a + b);
            assertEquals(init, viaFile);
        } finally {
            Files.deleteIfExists(file);
        }
        String withCap = out("exec", "--cap", "CAP_SYS_ADMIN", id, "grep", "-E", "^Cap(Inh|Amb|Eff)",
                "/proc/self/status");
        assertTrue(withCap.contains("CapInh:\t0000000000000000") && withCap.contains("CapAmb:\t0000000000000000"),
                withCap);
        long eff = Long.parseLong(withCap.replaceAll("(?s).*CapEff:\t([0-9a-f]+).*", "$1"), 16);
        assertTrue((eff & (1L << 21)) != 0, "CAP_SYS_ADMIN is bit 21: " + withCap);
    }

    @Test
    void runcsSecurityFlagsSetGroupsAndNoNewPrivs() {
        String r = out("exec", "-g", "10", "--additional-gids", "20,30", "--no-new-privs", id, "sh", "-c",
                "id -G; grep NoNewPrivs /proc/self/status");
        assertEquals(List.of("0 10 20 30", "NoNewPrivs:\t1"), r.lines().toList());
        HuskRunner.Result bad = husk.run("exec", "-g", "-1", id, "true");
        assertEquals(255, bad.exit());
        assertTrue(bad.errLine().contains("--additional-gids"), bad.err());
    }

    @Test
    void ignorePausedExecsIntoAPausedContainerOnceResumed() throws Exception {
        husk.ok("pause", id);
        try {
            java.util.concurrent.CompletableFuture<HuskRunner.Result> exec = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> husk.run("exec", "--ignore-paused", id, "echo", "thawed"));
            Thread.sleep(1500);
            assertFalse(exec.isDone(), "the process waits, frozen, while the container is paused");
            husk.ok("resume", id);
            HuskRunner.Result r = exec.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(0, r.exit(), r.err());
            assertEquals("thawed\n", r.out());
        } finally {
            husk.run("resume", id);
        }
    }

    @Test
    void execIntoAStoppedContainerFails() throws Exception {
        husk.ok("kill", id, "KILL");
        LifecycleIT.waitFor(() -> husk.ok("state", id).out().contains("\"status\": \"stopped\""));
        HuskRunner.Result r = husk.run("exec", id, "true");
        assertEquals(255, r.exit());
        assertTrue(r.errLine().contains("stopped"), r.err());
        assertFalse(r.out().contains("true"));
    }
}
