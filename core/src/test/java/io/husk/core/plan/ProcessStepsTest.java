package io.husk.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.husk.core.config.ConfigLoader;
import io.husk.core.config.Spec;
import io.husk.nativeinit.Op;
import io.husk.nativeinit.Step;
import io.husk.spi.rootfs.RootfsLayout;
import io.husk.spi.sync.SyncBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Order of the privilege steps, the seccomp placement, HOME and capability warnings. */
class ProcessStepsTest {
    private static final String SECCOMP = ", \"seccomp\": {\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\":"
            + " [{\"names\": [\"mkdir\"], \"action\": \"SCMP_ACT_ERRNO\"}]}";
    private Path rootfs;
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        rootfs = Files.createTempDirectory("husk-rootfs");
        Files.createDirectory(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\nu:x:1000:1000::/home/u:/bin/sh\n");
    }

    @AfterEach
    void tearDown() throws Exception {
        Files.delete(rootfs.resolve("etc/passwd"));
        Files.delete(rootfs.resolve("etc"));
        Files.delete(rootfs);
    }

    private ProcessSteps steps(String process, String linux) {
        String json = """
                {"ociVersion": "1.2.0", "process": {"args": ["sh"], "cwd": "/" %s}, "root": {"path": "rootfs"},
                 "linux": {"namespaces": [{"type": "mount"}] %s}}""".formatted(process, linux);
        Spec spec = ConfigLoader.parse(json.getBytes(StandardCharsets.UTF_8), "config.json");
        return new ProcessSteps(new PlanInput(spec, Path.of("/bundle"), new RootfsLayout(rootfs, List.of()),
                List.of(), Map.of(), true, new SyncBackend.Gate("fifo", Path.of("/run/husk/c1/exec.fifo")), false, 0,
                warnings::add));
    }

    private static List<Op> privileges(ProcessSteps p) {
        List<Step> out = new ArrayList<>();
        p.addPrivileges(out);
        return out.stream().map(Step::op).toList();
    }

    @Test
    void withNoNewPrivilegesTheFilterIsLoadedLast() {
        List<Op> ops = privileges(steps(", \"noNewPrivileges\": true, \"capabilities\": {\"bounding\": []}",
                SECCOMP));
        assertEquals(List.of(Op.CAPS_BOUNDING, Op.USER, Op.CAPS, Op.NO_NEW_PRIVS, Op.SECCOMP), ops);
    }

    /** Without no_new_privs loading a filter needs CAP_SYS_ADMIN, which the uid change takes away. */
    @Test
    void withoutNoNewPrivilegesTheFilterIsLoadedBeforeTheUidChanges() {
        List<Op> ops = privileges(steps(", \"capabilities\": {\"bounding\": []}", SECCOMP));
        assertEquals(List.of(Op.CAPS_BOUNDING, Op.SECCOMP, Op.USER, Op.CAPS), ops);
    }

    @Test
    void unknownCapabilitiesAreWarnedAboutByName() {
        List<Step> out = new ArrayList<>();
        steps(", \"capabilities\": {\"bounding\": [\"CAP_KILL\", \"CAP_NEW_THING\"]}", "").addPrivileges(out);
        assertEquals(1L << 5, out.getFirst().args().getFirst());
        assertEquals(1, warnings.size());
        assertTrue(warnings.getFirst().contains("CAP_NEW_THING"), warnings.getFirst());
    }

    @Test
    void anUnknownCapabilityInEverySetIsWarnedAboutOnce() {
        steps(", \"capabilities\": {\"bounding\": [\"CAP_NEW\"], \"effective\": [\"CAP_NEW\"], \"permitted\":"
                + " [\"CAP_NEW\"]}", "").addPrivileges(new ArrayList<>());
        assertEquals(1, warnings.size(), warnings.toString());
    }

    /** runc spec's template lists ambient capabilities without an inheritable set: left out, with a warning. */
    @Test
    void ambientCapabilitiesTheKernelCannotRaiseAreLeftOutWithAWarning() {
        List<Step> out = new ArrayList<>();
        steps(", \"capabilities\": {\"permitted\": [\"CAP_KILL\", \"CAP_CHOWN\"], \"inheritable\": [\"CAP_CHOWN\"],"
                + " \"ambient\": [\"CAP_KILL\", \"CAP_CHOWN\"]}", "").addPrivileges(out);
        Step caps = out.stream().filter(st -> st.op() == Op.CAPS).findFirst().orElseThrow();
        assertEquals(1L, caps.args().get(3), "CAP_CHOWN (0) stays, CAP_KILL (5) goes");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().startsWith("process.capabilities.ambient: CAP_KILL not in both"),
                warnings.getFirst());
    }

    private String home(String process) {
        Step exec = steps(process, "").exec();
        return exec.args().stream().map(String::valueOf).filter(s -> s.startsWith("HOME=")).findFirst()
                .orElseThrow();
    }

    @Test
    void homeFromPasswdOrSlash() {
        assertEquals("HOME=/root", home(""));
        assertEquals("HOME=/home/u", home(", \"user\": {\"uid\": 1000}, \"env\": [\"HOME=\"]"));
        assertEquals("HOME=/", home(", \"user\": {\"uid\": 4242}"));
        assertEquals("HOME=/x", home(", \"user\": {\"uid\": 1000}, \"env\": [\"HOME=/x\"]"));
    }

    @Test
    void schedulingSteps() {
        List<Step> out = new ArrayList<>();
        steps(", \"scheduler\": {\"policy\": \"SCHED_BATCH\", \"nice\": 3}, \"ioPriority\": {\"class\":"
                + " \"IOPRIO_CLASS_BE\", \"priority\": 2}", ", \"personality\": {\"domain\": \"LINUX32\"}")
                .addBeforeReady(out);
        List<String> d = out.stream().map(Step::describe).toList();
        assertTrue(d.contains("scheduler policy=3 flags=0x0 nice=3 priority=0 runtime=0 deadline=0 period=0"), d
                .toString());
        assertTrue(d.contains("ioprio class=2 priority=2"), d.toString());
        assertTrue(d.contains("personality domain=8"), d.toString());
    }

    @Test
    void lsmLabelsAreSetForTheExec() {
        List<Step> out = new ArrayList<>();
        steps(", \"apparmorProfile\": \"p1\", \"selinuxLabel\": \"u:r:t:s0\"", "").addBeforeReady(out);
        List<String> d = out.stream().map(Step::describe).toList();
        assertTrue(d.contains("lsm-exec attr=apparmor/exec value=\"exec p1\""), d.toString());
        assertTrue(d.contains("lsm-exec attr=exec value=u:r:t:s0"), d.toString());
    }
}
