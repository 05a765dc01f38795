package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Choosing a rootfs strategy per container, and how the root becomes {@code /} (pivot_root or MS_MOVE). */
class RootfsStrategyIT {
    private Path root;
    private HuskRunner husk;
    private Bundle bundle;
    private String id;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("husk-root");
        husk = new HuskRunner(root);
        id = "rs-" + Long.toHexString(System.nanoTime());
        bundle = Bundle.busybox();
        MountIT.allowDefaultDevices(bundle);
        bundle.config().with("root").put("readonly", false);
    }

    @AfterEach
    void tearDown() throws Exception {
        husk.run("delete", "--force", id);
        bundle.close();
        Files.deleteIfExists(root);
    }

    @Test
    void anUnknownStrategyIsRefusedWithTheInstalledOnes() throws Exception {
        bundle.config().with("annotations").put("io.husk.rootfs", "zfs");
        bundle.write();
        HuskRunner.Result r = husk.run("create", "--bundle", bundle.dir().toString(), id);
        assertNotEquals(0, r.exit());
        assertTrue(r.errLine().contains("unknown rootfs strategy") && r.errLine().contains("zfs"), r.err());
        assertTrue(r.errLine().contains("bind") && r.errLine().contains("overlayfs"), r.err());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void theCommandLineDefaultApplies() throws Exception {
        bundle.args("sh", "-c", "echo x > /written").write();
        HuskRunner.Result r = husk.run("--rootfs", "overlayfs", "run", "--bundle", bundle.dir().toString(), id);
        assertEquals(0, r.exit(), r.err());
        assertFalse(Files.exists(bundle.rootfs().resolve("written")), "overlayfs keeps the bundle untouched");
    }

    @Test
    void theAnnotationWinsOverTheCommandLine() throws Exception {
        bundle.config().with("annotations").put("io.husk.rootfs", "bind");
        bundle.args("sh", "-c", "echo x > /written").write();
        HuskRunner.Result r = husk.run("--rootfs", "overlayfs", "run", "--bundle", bundle.dir().toString(), id);
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.exists(bundle.rootfs().resolve("written")), "bind writes through to the bundle");
    }

    @Test
    void noPivotMovesTheRootAndChroots() throws Exception {
        Files.writeString(bundle.rootfs().resolve("marker"), "inside");
        bundle.args("sh", "-c", "cat /marker; echo; ls /; head -1 /proc/self/mountinfo").write();
        HuskRunner.Result r = husk.run("run", "--no-pivot", "--bundle", bundle.dir().toString(), id);
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("inside", lines.getFirst());
        assertFalse(lines.contains("work"), "the host's root is out of sight: " + r.out());
        assertTrue(lines.getLast().contains(" / "), "the first mount is the container's root: " + r.out());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    /** Without a mount namespace the overlay is mounted in the host's table, and run-cleanup takes it away. */
    @Test
    void anOverlayWithoutAMountNamespaceLeavesNothingMounted() throws Exception {
        ArrayNode ns = (ArrayNode) bundle.linux().get("namespaces");
        for (int i = ns.size() - 1; i >= 0; i--) {
            if ("mount".equals(((ObjectNode) ns.get(i)).get("type").asText())) {
                ns.remove(i);
            }
        }
        bundle.config().with("annotations").put("io.husk.rootfs", "overlayfs");
        bundle.args("sh", "-c", "echo new > /tmp/file && cat /tmp/file");
        bundle.write();
        assertEquals("new", husk.ok("run", "--bundle", bundle.dir().toString(), id).out().strip());
        assertFalse(Files.exists(bundle.rootfs().resolve("tmp/file")), "the lower layer stays untouched");
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(root.toString()));
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }
}
