package io.husk.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.husk.core.config.ConfigLoader;
import io.husk.core.config.Spec;
import io.husk.nativeinit.Op;
import io.husk.nativeinit.Step;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** lo is brought up only in a network namespace the container creates. */
class NamespaceStepsTest {
    private static List<Step> loopback(String namespaces) {
        String json = """
                {"ociVersion": "1.2.0", "process": {"args": ["sh"], "cwd": "/"}, "root": {"path": "rootfs"},
                 "linux": {"namespaces": [%s]}}""".formatted(namespaces);
        Spec spec = ConfigLoader.parse(json.getBytes(StandardCharsets.UTF_8), "config.json");
        List<Step> steps = new ArrayList<>();
        NamespaceSteps.addLoopback(spec.linux(), steps);
        return steps;
    }

    @Test
    void aNewNetworkNamespaceGetsLoUp() {
        List<Step> steps = loopback("""
                {"type": "mount"}, {"type": "network"}""");
        assertEquals(1, steps.size());
        assertEquals(Op.LOOPBACK_UP, steps.get(0).op());
        assertEquals("linux.namespaces[1]", steps.get(0).origin());
    }

    @Test
    void aJoinedOrTheHostsNetworkNamespaceIsLeftAlone() {
        assertEquals(List.of(), loopback("""
                {"type": "mount"}, {"type": "network", "path": "/proc/1/ns/net"}"""));
        assertEquals(List.of(), loopback("""
                {"type": "mount"}"""));
    }
}
