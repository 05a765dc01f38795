package io.husk.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.husk.core.HuskException;
import io.husk.spi.cgroup.Stats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsTest {
    @Test
    void intervalsUseGoDurationSyntax() {
        assertEquals(Duration.ofSeconds(5), Events.parseInterval("5s"));
        assertEquals(Duration.ofMillis(200), Events.parseInterval("200ms"));
        assertEquals(Duration.ofSeconds(90), Events.parseInterval("1m30s"));
        assertEquals(Duration.ofMillis(1500), Events.parseInterval("1.5s"));
        assertEquals(Duration.ofHours(1), Events.parseInterval("1h"));
        for (String bad : new String[] {"", "5", "0s", "5 s", "s", "-1s", "5sx"}) {
            assertThrows(HuskException.class, () -> Events.parseInterval(bad), bad);
        }
    }

    @Test
    void statsAndOomEventsHaveRuncsEnvelope() {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("total", 7L);
        usage.put("percpu", List.of(3L, 4L));
        Map<String, Object> cpu = Map.of("usage", usage);
        assertEquals("{\"type\":\"stats\",\"id\":\"c1\",\"data\":{\"cpu\":{\"usage\":{\"total\":7,\"percpu\":[3,4]}},"
                + "\"pids\":{\"current\":2}}}",
                EventJson.stats("c1", new Stats(cpu, null, Map.of("current", 2L), null, null)));
        assertEquals("{\"type\":\"oom\",\"id\":\"c1\"}", EventJson.oom("c1"));
    }

    @Test
    void theOomCounterReadsV1AndV2Files(@TempDir Path dir) throws Exception {
        Path v1 = Files.createDirectories(dir.resolve("memory"));
        Files.writeString(v1.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 3\n");
        Path v2 = Files.createDirectories(dir.resolve("unified"));
        Files.writeString(v2.resolve("memory.events"), "low 0\nhigh 0\nmax 4\noom 2\noom_kill 2\n");
        Path none = Files.createDirectories(dir.resolve("pids"));
        assertEquals(3, OomCounter.of(List.of(none, v1)).kills());
        assertEquals(2, OomCounter.of(List.of(v2)).kills());
        assertEquals(null, OomCounter.of(List.of(none)));
        OomCounter gone = OomCounter.of(List.of(v2));
        Files.delete(v2.resolve("memory.events"));
        assertEquals(-1, gone.kills());
    }
}
