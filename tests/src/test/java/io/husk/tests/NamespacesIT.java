package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Namespaces created new, joined by path, and the time namespace with its offsets. */
class NamespacesIT {
    private Path root;
    private HuskRunner husk;
    private Bundle first;
    private Bundle second;
    private final String a = "ns-a-" + Long.toHexString(System.nanoTime());
    private final String b = "ns-b-" + Long.toHexString(System.nanoTime());

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("husk-root");
        husk = new HuskRunner(root);
        first = Bundle.busybox("sleep", "60");
        second = Bundle.busybox("true");
    }

    @AfterEach
    void tearDown() throws Exception {
        husk.run("delete", "--force", a);
        husk.run("delete", "--force", b);
        first.close();
        second.close();
        Files.deleteIfExists(root);
    }

    @Test
    void everyNamespaceIsNewByDefault() throws Exception {
        first.args("sh", "-c", "for n in pid mnt uts ipc net cgroup; do readlink /proc/self/ns/$n; done").write();
        String inside = husk.ok("run", "--bundle", first.dir().toString(), a).out();
        for (String ns : new String[] {"pid", "mnt", "uts", "ipc", "net", "cgroup"}) {
            String host = Files.readSymbolicLink(Path.of("/proc/self/ns/" + ns)).toString();
            assertTrue(!inside.contains(host), ns + " is shared with the host: " + inside);
        }
    }

    @Test
    void aNamespaceIsJoinedByPath() throws Exception {
        first.write();
        husk.ok("create", "--bundle", first.dir().toString(), a);
        int pid = Integer.parseInt(husk.ok("state", a).out().replaceAll("(?s).*\"pid\": (\\d+).*", "$1"));
        String theirs = Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/net")).toString();
        ArrayNode ns = second.linux().withArray("namespaces");
        for (int i = 0; i < ns.size(); i++) {
            if (ns.get(i).get("type").asText().equals("network")) {
                ((ObjectNode) ns.get(i)).put("path", "/proc/" + pid + "/ns/net");
            }
        }
        second.args("readlink", "/proc/self/ns/net").write();
        assertEquals(theirs, husk.ok("run", "--bundle", second.dir().toString(), b).out().strip());
    }

    @Test
    void aTimeNamespaceGetsItsOffsets() throws Exception {
        first.linux().withArray("namespaces").addObject().put("type", "time");
        first.linux().with("timeOffsets").with("boottime").put("secs", 86400 * 365).put("nanosecs", 0);
        first.args("cat", "/proc/uptime").write();
        double inside = Double.parseDouble(husk.ok("run", "--bundle", first.dir().toString(), a).out().split(" ")[0]);
        double host = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
        assertTrue(inside > host + 86400 * 300, "uptime " + inside + " vs host " + host);
        assertNotEquals(0, inside);
    }
}
