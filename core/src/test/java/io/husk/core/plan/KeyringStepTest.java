package io.husk.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.husk.core.config.ConfigLoader;
import io.husk.core.config.Spec;
import io.husk.nativeinit.Step;
import io.husk.spi.rootfs.RootfsLayout;
import io.husk.spi.sync.SyncBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The container's session keyring: joined right after setsid, searchable as runc makes it, or not at all. */
class KeyringStepTest {
    private static Spec spec(String namespaces) {
        return ConfigLoader.parse("""
                {"ociVersion": "1.2.0", "process": {"args": ["sh"], "cwd": "/"}, "root": {"path": "rootfs"},
                 "linux": {"namespaces": [%s], "uidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}],
                  "gidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}]}}"""
                .formatted(namespaces).getBytes(StandardCharsets.UTF_8), "config.json");
    }

    private static List<String> plan(Spec spec, String keyring) {
        PlanInput in = new PlanInput(spec, Path.of("/bundle"), new RootfsLayout(Path.of("/bundle/rootfs"), List.of()),
                List.of(), Map.of(), true, new SyncBackend.Gate("fifo", Path.of("/run/husk/c1/exec.fifo")), false, 0,
                w -> { }, keyring);
        return PlanCompiler.compile(in).steps().stream().map(Step::describe).toList();
    }

    @Test
    void theInitJoinsItsOwnKeyringRightAfterSetsid() {
        List<String> p = plan(spec("{\"type\": \"mount\"}, {\"type\": \"pid\"}"), KeyringStep.name("c1"));
        int keyring = p.indexOf("session-keyring name=_ses.c1 addPerm=" + KeyringStep.USER_SEARCH);
        assertEquals(p.indexOf("setsid") + 1, keyring, p.toString());
    }

    /** The namespace's root owns it and exec joins as that root: still only its owner may search it. */
    @Test
    void inANewUserNamespaceToo() {
        List<String> p = plan(spec("{\"type\": \"user\"}, {\"type\": \"mount\"}"), KeyringStep.name("c1"));
        assertTrue(p.contains("session-keyring name=_ses.c1 addPerm=" + KeyringStep.USER_SEARCH), p.toString());
    }

    @Test
    void noNewKeyringKeepsTheCallersKeyring() {
        List<String> p = plan(spec("{\"type\": \"mount\"}"), null);
        assertTrue(p.stream().noneMatch(s -> s.startsWith("session-keyring")), p.toString());
    }
}
