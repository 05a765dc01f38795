package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** linux.seccomp on the real kernel: actions, errno values, argument filters, a Docker-sized profile, notify. */
class SeccompIT {
    /** Exit status of a process killed by SIGSYS, which seccomp's kill and trap actions deliver. */
    private static final int SIGSYS_EXIT = 128 + 31;

    private Path root;
    private HuskRunner husk;
    private Bundle bundle;
    private String id;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("husk-root");
        husk = new HuskRunner(root);
        id = "sc-" + Long.toHexString(System.nanoTime());
        bundle = Bundle.busybox();
        // Device rules are another test's subject; keep them from getting in the way of mknod here.
        ((ObjectNode) bundle.linux().path("resources")).remove("devices");
        // A writable rootfs, so that a failing mkdir can only be the filter's doing.
        bundle.config().with("root").put("readonly", false);
    }

    @AfterEach
    void tearDown() throws Exception {
        husk.run("delete", "--force", id);
        bundle.close();
        Files.deleteIfExists(root);
    }

    private ObjectNode seccomp(String defaultAction) {
        ObjectNode s = bundle.linux().putObject("seccomp");
        s.put("defaultAction", defaultAction);
        s.putArray("architectures").add("SCMP_ARCH_X86_64").add("SCMP_ARCH_X86").add("SCMP_ARCH_X32");
        s.putArray("syscalls");
        return s;
    }

    private static ObjectNode rule(ObjectNode seccomp, String action, String... names) {
        ObjectNode r = seccomp.withArray("syscalls").addObject();
        ArrayNode n = r.putArray("names");
        for (String name : names) {
            n.add(name);
        }
        r.put("action", action);
        return r;
    }

    private HuskRunner.Result run(String script) throws Exception {
        bundle.args("sh", "-c", script).write();
        return husk.run("run", "--bundle", bundle.dir().toString(), id);
    }

    @Test
    void mkdirDeniedWithEperm() throws Exception {
        rule(seccomp("SCMP_ACT_ALLOW"), "SCMP_ACT_ERRNO", "mkdir", "mkdirat");
        HuskRunner.Result r = run("mkdir /tmp/d; echo rc=$?; grep Seccomp: /proc/self/status");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("rc=1"), r.out());
        assertTrue(r.out().contains("Seccomp:\t2"), r.out());
        assertTrue(r.err().contains("Operation not permitted"), r.err());
        assertFalse(Files.exists(bundle.rootfs().resolve("tmp/d")));
    }

    /** The filter is in place before the gate; a profile that denies execve fails start, and says so. */
    @Test
    void execveDeniedFailsStartWithTheReason() throws Exception {
        rule(seccomp("SCMP_ACT_ALLOW"), "SCMP_ACT_ERRNO", "execve", "execveat");
        bundle.args("true").write();
        husk.ok("create", "--bundle", bundle.dir().toString(), id);
        HuskRunner.Result start = husk.run("start", id);
        assertEquals(1, start.exit());
        assertTrue(start.errLine().contains("exec true: Operation not permitted"), start.err());
    }

    @Test
    void errnoRetAndDefaultErrnoRet() throws Exception {
        ObjectNode s = seccomp("SCMP_ACT_ALLOW");
        rule(s, "SCMP_ACT_ERRNO", "mkdir", "mkdirat").put("errnoRet", 38); // ENOSYS
        rule(s, "SCMP_ACT_ERRNO", "rmdir").put("errnoRet", 28); // ENOSPC
        HuskRunner.Result r = run("mkdir /tmp/d; rmdir /tmp; true");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("Function not implemented"), r.err());
        assertTrue(r.err().contains("No space left on device"), r.err());
    }

    @Test
    void killProcessOnGetpid() throws Exception {
        rule(seccomp("SCMP_ACT_ALLOW"), "SCMP_ACT_KILL_PROCESS", "getpid");
        HuskRunner.Result r = run("echo before; echo pid=$$");
        assertEquals(SIGSYS_EXIT, r.exit(), r.out() + r.err());
        assertFalse(r.out().contains("pid="), r.out());
    }

    @Test
    void killThreadAndTrapEndTheProcessWithSigsys() throws Exception {
        ObjectNode s = seccomp("SCMP_ACT_ALLOW");
        rule(s, "SCMP_ACT_KILL_THREAD", "mkdir", "mkdirat");
        // exec: the shell itself makes the call (a forked applet would die alone and the shell carry on).
        assertEquals(SIGSYS_EXIT, run("exec mkdir /tmp/d").exit());
        husk.run("delete", "--force", id);
        s.putArray("syscalls");
        rule(s, "SCMP_ACT_TRAP", "mkdir", "mkdirat");
        HuskRunner.Result r = run("exec mkdir /tmp/d");
        assertEquals(SIGSYS_EXIT, r.exit(), r.out() + r.err());
        assertFalse(Files.exists(bundle.rootfs().resolve("tmp/d")));
    }

    @Test
    void traceWithoutTracerFailsTheCallAndLogAllowsIt() throws Exception {
        ObjectNode s = seccomp("SCMP_ACT_ALLOW");
        rule(s, "SCMP_ACT_TRACE", "mkdir", "mkdirat");
        rule(s, "SCMP_ACT_LOG", "rmdir");
        s.putArray("flags").add("SECCOMP_FILTER_FLAG_LOG").add("SECCOMP_FILTER_FLAG_SPEC_ALLOW");
        HuskRunner.Result r = run("mkdir /tmp/d; echo mkdir=$?; rmdir /tmp/d; echo rmdir=$?");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("mkdir=1"), r.out()); // no tracer: ENOSYS
        assertTrue(r.out().contains("rmdir=1"), r.out()); // allowed, logged, fails as the dir is absent
        assertTrue(r.err().contains("No such file"), r.err());
    }

    @Test
    void allowListWithErrnoDefault() throws Exception {
        ObjectNode s = seccomp("SCMP_ACT_ERRNO");
        s.put("defaultErrnoRet", 1);
        for (String name : hostSyscalls()) {
            if (!name.equals("mkdir") && !name.equals("mkdirat")) {
                rule(s, "SCMP_ACT_ALLOW", name);
            }
        }
        HuskRunner.Result r = run("mkdir /tmp/d; echo rc=$?; echo fine");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("rc=1") && r.out().contains("fine"), r.out());
        assertTrue(r.err().contains("Operation not permitted"), r.err());
    }

    /**
     * kill(2)'s signal argument drives every operator: "kill -0 $$" sends 0, "kill -CONT $$" sends 18, and the
     * rule denies kill with EPERM when the comparison holds.
     */
    @ParameterizedTest
    @CsvSource({
        "SCMP_CMP_EQ, 0, 0, denied, allowed",
        "SCMP_CMP_NE, 0, 0, allowed, denied",
        "SCMP_CMP_LT, 18, 0, denied, allowed",
        "SCMP_CMP_LE, 18, 0, denied, denied",
        "SCMP_CMP_GE, 18, 0, allowed, denied",
        "SCMP_CMP_GT, 17, 0, allowed, denied",
        "SCMP_CMP_GT, 18, 0, allowed, allowed",
        "SCMP_CMP_MASKED_EQ, 16, 16, allowed, denied",
    })
    void argumentOperators(String op, long value, long valueTwo, String zero, String cont) throws Exception {
        ObjectNode r = rule(seccomp("SCMP_ACT_ALLOW"), "SCMP_ACT_ERRNO", "kill");
        ObjectNode arg = r.putArray("args").addObject();
        arg.put("index", 1).put("value", value).put("valueTwo", valueTwo).put("op", op);
        HuskRunner.Result res = run("kill -0 $$; echo zero=$?; kill -CONT $$; echo cont=$?");
        assertEquals(0, res.exit(), res.err());
        assertTrue(res.out().contains("zero=" + (zero.equals("denied") ? 1 : 0)), op + ": " + res.out());
        assertTrue(res.out().contains("cont=" + (cont.equals("denied") ? 1 : 0)), op + ": " + res.out());
    }

    @Test
    void severalComparisonsOfOneArgumentAreAlternatives() throws Exception {
        ObjectNode r = rule(seccomp("SCMP_ACT_ALLOW"), "SCMP_ACT_ERRNO", "kill");
        ArrayNode args = r.putArray("args");
        args.addObject().put("index", 1).put("value", 0).put("op", "SCMP_CMP_EQ");
        args.addObject().put("index", 1).put("value", 18).put("op", "SCMP_CMP_EQ");
        HuskRunner.Result res = run("kill -0 $$; echo zero=$?; kill -CONT $$; echo cont=$?; kill -WINCH $$;"
                + " echo winch=$?");
        assertTrue(res.out().contains("zero=1") && res.out().contains("cont=1") && res.out().contains("winch=0"),
                res.out());
    }

    /** A profile the size of Docker's and podman's default: an allow list of 300+ syscalls on three archs. */
    @Test
    void dockerSizedProfile() throws Exception {
        ObjectNode s = seccomp("SCMP_ACT_ERRNO");
        s.put("defaultErrnoRet", 1);
        List<String> names = hostSyscalls().stream().filter(n -> !n.equals("mkdirat") && !n.equals("mkdir")
                && !n.equals("personality") && !n.equals("clone")).toList();
        assertTrue(names.size() > 300, "syscalls: " + names.size());
        ArrayNode arr = rule(s, "SCMP_ACT_ALLOW").putArray("names");
        names.forEach(arr::add);
        for (long persona : new long[] {0, 8, 0x20000, 0x20008, 0xffffffffL}) {
            rule(s, "SCMP_ACT_ALLOW", "personality").putArray("args").addObject().put("index", 0)
                    .put("value", persona).put("op", "SCMP_CMP_EQ");
        }
        // Docker's clone rule: allow clone unless it asks for a new namespace.
        rule(s, "SCMP_ACT_ALLOW", "clone").putArray("args").addObject().put("index", 0)
                .put("value", 0x7E020000L).put("valueTwo", 0).put("op", "SCMP_CMP_MASKED_EQ");
        rule(s, "SCMP_ACT_ERRNO", "clone3").put("errnoRet", 38);
        HuskRunner.Result r = run("mkdir /tmp/d; echo mkdir=$?; (echo subshell); unshare -n true; echo unshare=$?");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("mkdir=1"), r.out());
        assertTrue(r.out().contains("subshell"), r.out());
        assertTrue(r.out().contains("unshare=1"), r.out());
    }

    @Test
    void unknownSyscallsAreSkippedWithAWarning() throws Exception {
        rule(seccomp("SCMP_ACT_ALLOW"), "SCMP_ACT_ERRNO", "mkdir", "no_such_syscall_x", "mkdirat");
        HuskRunner.Result r = run("mkdir /tmp/d; echo rc=$?");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("rc=1"), r.out());
        assertTrue(r.err().contains("no_such_syscall_x") && r.err().contains("linux.seccomp.syscalls[0]"),
                r.err());
    }

    @Test
    void malformedProfilesAreRefused() throws Exception {
        rule(seccomp("SCMP_ACT_ALLOW"), "SCMP_ACT_EXPLODE", "mkdir");
        assertRefused("linux.seccomp.syscalls[0].action");
        seccomp("SCMP_ACT_ALLOW").withArray("architectures").add("SCMP_ARCH_VAX");
        assertRefused("linux.seccomp.architectures[3]");
        rule(seccomp("SCMP_ACT_ALLOW"), "SCMP_ACT_ERRNO", "kill").putArray("args").addObject().put("index", 6)
                .put("value", 0).put("op", "SCMP_CMP_EQ");
        assertRefused("linux.seccomp.syscalls[0].args[0].index");
        rule(seccomp("SCMP_ACT_ALLOW"), "SCMP_ACT_NOTIFY", "mkdir");
        assertRefused("linux.seccomp.listenerPath");
        rule(seccomp("SCMP_ACT_ALLOW"), "SCMP_ACT_KILL", "mkdir").put("errnoRet", 1);
        assertRefused("linux.seccomp.syscalls[0].errnoRet");
    }

    private void assertRefused(String field) throws Exception {
        HuskRunner.Result r = run("true");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains(field), field + ": " + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    /** SCMP_ACT_NOTIFY: the listener receives the notify fd and the container process state. */
    @Test
    void notifyListenerReceivesTheFdAndTheState() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 plays the listener");
        Path dir = Files.createTempDirectory("husk-listener");
        Path sock = dir.resolve("l.sock"), out = dir.resolve("state.json");
        // Receives one message with one fd, records the state and whether an fd came, then closes the fd:
        // the notified syscall then fails with ENOSYS.
        String py = "import socket,sys,os\n"
                + "s=socket.socket(socket.AF_UNIX,socket.SOCK_STREAM); s.bind(sys.argv[1]); s.listen(1)\n"
                + "open(sys.argv[1]+'.ready','w').close()\n"
                + "c,_=s.accept(); msg,fds,_,_=socket.recv_fds(c,65536,4)\n"
                + "open(sys.argv[2],'w').write(msg.decode()+'\\nFDS='+str(len(fds))+'\\n')\n"
                + "[os.close(f) for f in fds]\n";
        Process listener = new ProcessBuilder("python3", "-c", py, sock.toString(), out.toString())
                .redirectErrorStream(true).start();
        try {
            while (!Files.exists(Path.of(sock + ".ready")) && listener.isAlive()) {
                Thread.sleep(20);
            }
            ObjectNode s = seccomp("SCMP_ACT_ALLOW");
            s.put("listenerPath", sock.toString());
            s.put("listenerMetadata", "test-metadata");
            rule(s, "SCMP_ACT_NOTIFY", "mkdir", "mkdirat");
            bundle.config().putObject("annotations").put("org.example.key", "v");
            HuskRunner.Result r = run("mkdir /tmp/d; echo rc=$?");
            assertEquals(0, r.exit(), r.err());
            assertTrue(listener.waitFor(30, TimeUnit.SECONDS));
            String got = Files.readString(out);
            assertTrue(got.contains("FDS=1"), got);
            JsonNode state = new ObjectMapper().readTree(got.substring(0, got.indexOf("\nFDS=")));
            assertEquals("seccompFd", state.path("fds").path(0).asText());
            assertEquals("test-metadata", state.path("metadata").asText());
            assertEquals(id, state.path("state").path("id").asText());
            assertEquals(bundle.dir().toString(), state.path("state").path("bundle").asText());
            assertEquals("v", state.path("state").path("annotations").path("org.example.key").asText());
            assertTrue(state.path("pid").asInt() > 1, got);
            assertEquals(state.path("pid").asInt(), state.path("state").path("pid").asInt());
        } finally {
            listener.destroyForcibly();
            for (Path p : List.of(sock, Path.of(sock + ".ready"), out, dir)) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Every syscall name of this host's x86_64 table (the kernel headers), 300+ of them. */
    private static List<String> hostSyscalls() throws Exception {
        return Files.readAllLines(Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h")).stream()
                .filter(l -> l.startsWith("#define __NR_")).map(l -> l.split("\\s+")[1].substring(5)).toList();
    }
}
