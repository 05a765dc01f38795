package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The loopback interface: up in a network namespace the container creates (as with runc, crun; podman's
 * {@code --network none}), untouched in a joined namespace or the host's, where no step is planned.
 */
class NetworkIT {
    /** lo's flags from sysfs, then a connection to a closed port: refused when lo is up, unreachable when down. */
    private static final String[] SHOW_LO = {"sh", "-c",
        "cat /sys/class/net/lo/flags; nc 127.0.0.1 1 </dev/null 2>&1; true"};

    private Path root;
    private HuskRunner husk;
    private Bundle bundle;
    private String id;
    private String holder;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("husk-root");
        husk = new HuskRunner(root);
        id = "net-" + Long.toHexString(System.nanoTime());
        holder = id + "-holder";
        bundle = Bundle.busybox(SHOW_LO).noDeviceRules();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (husk != null) {
            husk.run("delete", "--force", id);
            husk.run("delete", "--force", holder);
            bundle.close();
            Files.deleteIfExists(root);
        }
    }

    private static void assertLoUp(String out) {
        String flags = out.lines().findFirst().orElse("").strip();
        assertTrue(flags.startsWith("0x") && (Integer.decode(flags) & 0x1) != 0, "IFF_UP in " + out);
        assertTrue(out.contains("Connection refused"), out);
        assertFalse(out.contains("unreachable"), out);
    }

    private String dryRun() {
        return husk.ok("create", "--dry-run", "--bundle", bundle.dir().toString(), id).out();
    }

    /** Gives the network entry of linux.namespaces a path to join (keep), or removes it: the host's then. */
    private void networkNamespace(String path, boolean keep) {
        ArrayNode ns = (ArrayNode) bundle.linux().get("namespaces");
        for (int i = ns.size() - 1; i >= 0; i--) {
            JsonNode n = ns.get(i);
            if ("network".equals(n.path("type").asText())) {
                if (keep) {
                    ((ObjectNode) n).put("path", path);
                } else {
                    ns.remove(i);
                }
            }
        }
    }

    @Test
    void aNewNetworkNamespaceHasLoUp() throws Exception {
        bundle.write();
        assertTrue(dryRun().contains("loopback-up"));
        HuskRunner.Result r = husk.run("run", "--bundle", bundle.dir().toString(), id);
        assertEquals(0, r.exit(), r.err());
        assertLoUp(r.out());
    }

    @Test
    void aNewNetworkNamespaceInAUserNamespaceHasLoUp() throws Exception {
        UsernsIT.userns(bundle);
        // The container's root is an unprivileged host uid, which must be able to reach the rootfs.
        Files.setPosixFilePermissions(bundle.dir(), PosixFilePermissions.fromString("rwxr-xr-x"));
        bundle.write();
        HuskRunner.Result r = husk.run("run", "--bundle", bundle.dir().toString(), id);
        assertEquals(0, r.exit(), r.err());
        assertLoUp(r.out());
    }

    /** A second container joins the network namespace of a running one: nothing is planned for its lo. */
    @Test
    void aJoinedNetworkNamespaceIsLeftAlone() throws Exception {
        bundle.args("sleep", "1000").write();
        husk.ok("run", "--detach", "--bundle", bundle.dir().toString(), holder);
        JsonNode state = new ObjectMapper().readTree(husk.ok("state", holder).out());
        String netns = "/proc/" + state.path("pid").asLong() + "/ns/net";
        networkNamespace(netns, true);
        bundle.args(SHOW_LO).write();
        String plan = dryRun();
        assertTrue(plan.contains("setns path=" + netns), plan);
        assertFalse(plan.contains("loopback-up"), plan);
        HuskRunner.Result r = husk.run("run", "--bundle", bundle.dir().toString(), id);
        assertEquals(0, r.exit(), r.err());
        assertLoUp(r.out()); // the holder's, which its own create brought up
    }

    @Test
    void theHostsNetworkNamespaceIsLeftAlone() throws Exception {
        networkNamespace(null, false);
        bundle.write();
        String plan = dryRun();
        assertFalse(plan.contains("loopback-up"), plan);
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }
}
