package io.husk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code husk features} with the backends husk ships on the class path, as bin/husk runs it. */
class FeaturesCommandTest {
    @Test
    void printsTheDocumentWithTheShippedCgroupDrivers() throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            status = Main.run(new String[] {"--root", "/nonexistent/husk-test", "features"});
        } finally {
            System.setOut(stdout);
        }
        assertEquals(0, status);
        JsonNode doc = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertTrue(doc.at("/linux/cgroup/v1").asBoolean(), "backend-cgroupv1 is a dependency of the cli");
        assertTrue(doc.at("/linux/cgroup/v2").asBoolean(), "backend-cgroupv2 is a dependency of the cli");
        assertTrue(doc.at("/linux/cgroup/rdma").asBoolean(), "both drivers manage rdma");
        assertEquals(Version.husk(), doc.at("/annotations/io.husk.version").asText());
    }

    @Test
    void takesNoArguments() {
        assertEquals(2, Main.run(new String[] {"features", "extra"}));
    }
}
