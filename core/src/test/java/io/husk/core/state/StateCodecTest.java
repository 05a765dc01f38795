package io.husk.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** state.json round trips, and what an older husk wrote still reads. */
class StateCodecTest {
    private static ContainerState state(HostMounts h) {
        return new ContainerState("1.2.0", "c1", "/b", 42, 7, "now", Map.of(), "v1", "/husk/c1", List.of(),
                "bind", "/b/rootfs", false, "fifo", true, h);
    }

    @Test
    void hostMountsRoundTrip() throws Exception {
        ContainerState s = state(new HostMounts("/b/rootfs", List.of(40, 41)));
        assertEquals(s, StateCodec.read(StateCodec.write(s)));
    }

    @Test
    void aContainerWithItsOwnMountNamespaceRecordsNone() throws Exception {
        byte[] json = StateCodec.write(state(null));
        assertEquals(-1, new String(json, StandardCharsets.UTF_8).indexOf("hostMounts"));
        assertNull(StateCodec.read(json).hostMounts());
    }
}
