package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The overlayfs rootfs strategy: copy-on-write over untouched lower layers, mounted only in the container. */
class OverlayIT {
    private Path root;
    private HuskRunner husk;
    private Bundle bundle;
    private String id;
    private Path scratch;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("husk-root");
        scratch = Files.createTempDirectory("husk-overlay");
        husk = new HuskRunner(root);
        id = "ov-" + Long.toHexString(System.nanoTime());
        bundle = Bundle.busybox();
        bundle.config().with("root").put("readonly", false);
        annotations().put("io.husk.rootfs", "overlayfs");
    }

    @AfterEach
    void tearDown() throws Exception {
        husk.run("delete", "--force", id);
        bundle.close();
        try (Stream<Path> walk = Files.walk(scratch)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(root);
    }

    private ObjectNode annotations() {
        return bundle.config().with("annotations");
    }

    @Test
    void theBundleRootfsStaysByteForByteUnchanged() throws Exception {
        TreeMap<String, String> before = snapshot(bundle.rootfs());
        bundle.args("sh", "-c", "echo new > /new && echo changed >> /etc/passwd && rm /etc/group && rm /bin/ls"
                + " && mv /root /root2 && mkdir /d && chmod 700 /tmp && cat /etc/passwd && ls /").write();
        HuskRunner.Result r = husk.run("run", "--bundle", bundle.dir().toString(), id);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("changed"), r.out());
        assertTrue(r.out().contains("root2"), r.out());
        assertEquals(before, snapshot(bundle.rootfs()));
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
        assertEquals(List.of(), hostMountsMentioning(root.toString()));
    }

    @Test
    void nothingIsMountedOnTheHostWhileItRunsNorAfterDelete() throws Exception {
        bundle.args("sleep", "100").write();
        husk.ok("create", "--bundle", bundle.dir().toString(), id);
        assertEquals(List.of(), hostMountsMentioning(root.toString()));
        assertTrue(Files.isDirectory(root.resolve(id).resolve("overlay/upper")));
        husk.ok("delete", "--force", id);
        assertEquals(List.of(), hostMountsMentioning(root.toString()));
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void aNamedUpperDirectoryIsKeptWhenAsked() throws Exception {
        Path upperBase = scratch.resolve("keep");
        annotations().put("io.husk.overlay.upper", upperBase.toString()).put("io.husk.overlay.keep", "true");
        bundle.args("sh", "-c", "echo kept > /written").write();
        assertEquals(0, husk.run("run", "--bundle", bundle.dir().toString(), id).exit());
        assertEquals("kept\n", Files.readString(upperBase.resolve("upper/written")));
        assertFalse(Files.exists(bundle.rootfs().resolve("written")));
        assertFalse(Files.exists(upperBase.resolve("work")), "work is scratch space and goes");
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void aNamedUpperDirectoryIsEmptiedWithoutKeep() throws Exception {
        Path upperBase = scratch.resolve("nokeep");
        annotations().put("io.husk.overlay.upper", upperBase.toString());
        bundle.args("sh", "-c", "echo gone > /written").write();
        assertEquals(0, husk.run("run", "--bundle", bundle.dir().toString(), id).exit());
        assertFalse(Files.exists(upperBase.resolve("upper")));
        assertFalse(Files.exists(upperBase.resolve("work")));
    }

    @Test
    void lowerLayersComeFromTheAnnotationTopmostFirst() throws Exception {
        Path top = Files.createDirectories(scratch.resolve("top"));
        Files.writeString(top.resolve("a"), "top\n");
        Files.writeString(bundle.rootfs().resolve("a"), "bottom\n");
        Files.writeString(bundle.rootfs().resolve("b"), "only-bottom\n");
        annotations().put("io.husk.overlay.lowers", top + ":" + bundle.rootfs());
        bundle.args("sh", "-c", "cat /a /b; echo x > /a").write();
        HuskRunner.Result r = husk.run("run", "--bundle", bundle.dir().toString(), id);
        assertEquals(0, r.exit(), r.err());
        assertEquals("top\nonly-bottom\n", r.out());
        assertEquals("top\n", Files.readString(top.resolve("a")));
    }

    @Test
    void keepWithoutANamedUpperIsRefusedAndLeavesNothing() throws Exception {
        annotations().put("io.husk.overlay.keep", "true");
        bundle.write();
        HuskRunner.Result r = husk.run("create", "--bundle", bundle.dir().toString(), id);
        assertNotEquals(0, r.exit());
        assertTrue(r.errLine().contains("io.husk.overlay.keep"), r.err());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void aRelativeLowerLayerIsRefusedByName() throws Exception {
        annotations().put("io.husk.overlay.lowers", "layers/one");
        bundle.write();
        HuskRunner.Result r = husk.run("create", "--bundle", bundle.dir().toString(), id);
        assertNotEquals(0, r.exit());
        assertTrue(r.errLine().contains("io.husk.overlay.lowers") && r.errLine().contains("layers/one"), r.err());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    static List<String> hostMountsMentioning(String path) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().filter(l -> l.contains(path)).toList();
    }

    /** Every entry under dir with its type, mode, owner and content digest (or link target). */
    static TreeMap<String, String> snapshot(Path dir) throws Exception {
        TreeMap<String, String> out = new TreeMap<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String what;
                if (Files.isSymbolicLink(p)) {
                    what = "link " + Files.readSymbolicLink(p);
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    what = "dir";
                } else {
                    what = "file " + HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p)));
                }
                Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                Object mtime = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
                out.put(dir.relativize(p).toString(), what + " " + mode + " " + mtime);
            }
        }
        return out;
    }
}
