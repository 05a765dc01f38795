package io.husk.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateCodecTest {
    private static ContainerState sample(Map<String, String> annotations, List<String> cgroups) {
        return new ContainerState("1.2.0", "c1", "./bundle dir", 4242, 987654321L, "2026-12-03T19:00:00Z",
                annotations, "v1", "/husk/c1", cgroups, "bind", "/b/rootfs", true, "fifo", true,
                Map.of("sync", "io.husk.backend.sync.FifoSync", "cgroup", "x.V1Driver", "rootfs", "x.Bind"),
                List.of("poststart", "poststop"), null, true, "_ses.c1");
    }

    @Test
    void roundTripsEveryField() throws IOException {
        Map<String, String> ann = new LinkedHashMap<>();
        ann.put("a=b:c d", "x\ny = z\\");
        ann.put("io.husk.rootfs", "bind");
        ann.put("ünïcode", "✓");
        ann.put("empty", "");
        List<String> dirs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            dirs.add("/sys/fs/cgroup/c" + i + "/husk");
        }
        ContainerState s = sample(ann, dirs);
        ContainerState back = StateCodec.read(StateCodec.write(s));
        assertEquals(s.annotations(), back.annotations());
        assertEquals(dirs, back.cgroupCreated(), "list order by index, not by key text");
        assertEquals(s, back);
    }

    @Test
    void emptyCollectionsStayEmpty() throws IOException {
        ContainerState s = new ContainerState("1.2.0", "c", "/b", 0, 0, "t", Map.of(), "v2", "/p", List.of(),
                "bind", "/b/r", false, "socket", false, Map.of(), List.of(), null, false, null);
        assertEquals(s, StateCodec.read(StateCodec.write(s)));
    }

    @Test
    void hostMountsRoundTripAndAreAbsentWithAMountNamespace() throws IOException {
        ContainerState own = sample(Map.of(), List.of());
        assertEquals(-1, new String(StateCodec.write(own), StandardCharsets.UTF_8).indexOf("hostMounts"));
        for (List<Integer> kept : List.of(List.<Integer>of(), List.of(40, 41))) {
            ContainerState s = new ContainerState("1.2.0", "c", "/b", 1, 2, "t", Map.of(), "v1", "/p", List.of(),
                    "bind", "/b/rootfs", false, "fifo", true, Map.of(), List.of(),
                    new HostMounts("/b/root fs", kept), false, null);
            assertEquals(s, StateCodec.read(StateCodec.write(s)));
        }
    }

    @Test
    void aCorruptFileIsAnErrorNotACrash() {
        assertThrows(IOException.class, () -> StateCodec.read("pid=twelve\n".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IOException.class, () -> StateCodec.read("a=\\u00zz\n".getBytes(StandardCharsets.UTF_8)));
    }
}
