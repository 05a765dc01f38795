package io.husk.core.plan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.husk.core.config.ConfigLoader;
import io.husk.core.config.Spec;
import io.husk.nativeinit.Step;
import io.husk.spi.sync.SyncBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exec plan of a container that shares husk's own namespaces. */
class ExecPlanCompilerTest {

    /** Its init has no mount namespace of its own, only a chroot: the exec'd process enters that root. */
    @Test
    void withoutAMountNamespaceTheProcessEntersTheInitsRoot() {
        Spec spec = ConfigLoader.parse("""
                {"ociVersion": "1.2.0", "process": {"args": ["sh"], "cwd": "/"}, "root": {"path": "rootfs"},
                 "linux": {"namespaces": []}}""".getBytes(StandardCharsets.UTF_8), "config.json");
        int self = (int) ProcessHandle.current().pid(); // every namespace of ours is the "init's"
        List<String> p = ExecPlanCompiler.compile(spec, self, List.of(), Path.of("/bundle"),
                Path.of("/nonexistent-rootfs"), new SyncBackend.Gate("fifo", Path.of("/run/husk/c1/exec.fifo")), 0,
                w -> { }, "_ses.c1").steps().stream().map(Step::describe).toList();
        assertTrue(p.stream().noneMatch(s -> s.startsWith("setns")), p.toString());
        int chroot = p.indexOf("chroot path=/proc/" + self + "/root");
        assertTrue(chroot > p.indexOf("setsid") && chroot < p.indexOf("chdir path=/"), p.toString());
        assertTrue(p.indexOf("session-keyring name=_ses.c1 addPerm=" + KeyringStep.USER_SEARCH) > p.indexOf("setsid"),
                "the exec'd process joins the container's keyring: " + p);
    }
}
