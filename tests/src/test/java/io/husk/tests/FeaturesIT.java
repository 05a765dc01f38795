package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code husk features} as containerd and podman call it: a JSON document on stdout, status 0. */
class FeaturesIT {
    private Path root;
    private HuskRunner husk;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("husk-root");
        husk = new HuskRunner(root);
    }

    @AfterEach
    void tearDown() throws Exception {
        Files.deleteIfExists(root);
    }

    @Test
    void printsTheFeaturesDocument() throws Exception {
        HuskRunner.Result r = husk.ok("features");
        assertEquals("", r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("1.0.0", doc.get("ociVersionMin").asText());
        String spec = husk.ok("--version").out().lines().filter(l -> l.startsWith("spec: ")).findFirst().orElseThrow();
        assertEquals(spec.substring("spec: ".length()), doc.get("ociVersionMax").asText());
        assertTrue(strings(doc.get("hooks")).contains("createRuntime"), r.out());
        assertTrue(strings(doc.get("mountOptions")).containsAll(List.of("rbind", "rro", "idmap")), r.out());
        JsonNode linux = doc.get("linux");
        assertTrue(strings(linux.get("namespaces")).containsAll(List.of("mount", "pid", "user", "cgroup")));
        assertTrue(strings(linux.get("capabilities")).contains("CAP_SYS_ADMIN"));
        assertTrue(linux.at("/cgroup/v1").asBoolean(), "bin/husk ships the v1 driver");
        assertTrue(linux.at("/cgroup/v2").asBoolean(), "bin/husk ships the v2 driver");
        assertFalse(linux.at("/cgroup/systemd").asBoolean(true), "husk refuses --systemd-cgroup");
        assertTrue(linux.at("/seccomp/enabled").asBoolean());
        assertTrue(strings(linux.at("/seccomp/supportedFlags")).contains("SECCOMP_FILTER_FLAG_LOG"));
        assertTrue(linux.at("/mountExtensions/idmap/enabled").asBoolean());
        assertTrue(doc.at("/annotations/io.husk.version").isTextual());
    }

    @Test
    void refusesArguments() {
        HuskRunner.Result r = husk.run("features", "extra");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("'extra'"), r.err());
        assertEquals("", r.out());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
