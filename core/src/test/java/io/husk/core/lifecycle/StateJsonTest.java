package io.husk.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.husk.core.state.ContainerState;
import io.husk.core.state.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ContainerState sample(String id, Map<String, String> annotations) {
        return new ContainerState("1.2.0", id, "./bundle \"dir\"", 4242, 1L, "2026-12-03T19:00:00.5Z", annotations,
                "v1", "/husk/" + id, List.of(), "bind", "/b/root\\fs", false, "fifo", true, Map.of(), List.of(),
                null, true, null);
    }

    @Test
    void stateIsLaidOutAsRuncPrintsIt() {
        Map<String, String> ann = new LinkedHashMap<>();
        ann.put("org.example/a", "1");
        ann.put("b", "two\nlines");
        assertEquals("""
                {
                  "ociVersion": "1.2.0",
                  "id": "c1",
                  "pid": 4242,
                  "status": "running",
                  "bundle": "./bundle \\"dir\\"",
                  "rootfs": "/b/root\\\\fs",
                  "created": "2026-12-03T19:00:00.5Z",
                  "annotations": {
                    "org.example/a": "1",
                    "b": "two\\nlines"
                  },
                  "owner": ""
                }""", StateJson.state(sample("c1", ann), Status.RUNNING));
        assertEquals("\"created\": \"2026-12-03T19:00:00.5Z\",\n  \"owner\": \"\"\n}",
                tail(StateJson.state(sample("c1", Map.of()), Status.CREATED)), "no annotations member when empty");
    }

    @Test
    void everyStringSurvivesAJsonParser() throws Exception {
        StringBuilder odd = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            odd.append(c);
        }
        odd.append("é€😀");
        Map<String, String> ann = Map.of(odd.toString(), odd.toString());
        JsonNode n = JSON.readTree(StateJson.state(sample("c1", ann), Status.STOPPED));
        assertEquals(odd.toString(), n.get("annotations").get(odd.toString()).asText());
        assertEquals(0, n.get("pid").asInt(), "a stopped container has no pid");
        assertEquals("./bundle \"dir\"", n.get("bundle").asText());
    }

    @Test
    void listIsOneLineArray() throws Exception {
        String out = StateJson.list(List.of(new Containers.ContainerSummary(sample("a", Map.of()), Status.CREATED),
                new Containers.ContainerSummary(sample("b", Map.of("k", "v")), Status.RUNNING)));
        assertEquals(-1, out.indexOf('\n'));
        JsonNode n = JSON.readTree(out);
        assertEquals(2, n.size());
        assertEquals("created", n.get(0).get("status").asText());
        assertEquals("v", n.get(1).get("annotations").get("k").asText());
        assertEquals("root", n.get(0).get("owner").asText(), "list names the owner, as its table does");
        assertEquals("[]", StateJson.list(List.of()));
    }

    private static String tail(String s) {
        return s.substring(s.lastIndexOf("\"created\""));
    }
}
