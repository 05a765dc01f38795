package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hostile rootfs plants symlinks on mount targets that point at the host. Every target is resolved inside the
 * rootfs, so the mounts land in the rootfs (or fail) and the host directory the links name stays untouched.
 */
class MountHostileIT {
    private Path root;
    private HuskRunner husk;
    private Bundle bundle;
    private String id;
    /** A host directory the links point at; nothing may appear in it or be mounted on it. */
    private Path victim;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("husk-root");
        victim = Files.createTempDirectory("husk-victim");
        Files.writeString(victim.resolve("sentinel"), "host");
        husk = new HuskRunner(root);
        id = "hostile-" + Long.toHexString(System.nanoTime());
        bundle = Bundle.busybox();
        MountIT.allowDefaultDevices(bundle);
    }

    @AfterEach
    void tearDown() throws Exception {
        husk.run("delete", "--force", id);
        bundle.close();
        MountIT.sh("rm", "-rf", victim.toString());
        Files.deleteIfExists(root);
    }

    private void mount(String dest, String type, String source, String... options) {
        ArrayNode o = ((ArrayNode) bundle.config().get("mounts")).addObject().put("destination", dest)
                .put("type", type).put("source", source).putArray("options");
        for (String s : options) {
            o.add(s);
        }
    }

    private HuskRunner.Result run(String script) throws Exception {
        bundle.args("sh", "-c", script).write();
        return husk.run("run", "--bundle", bundle.dir().toString(), id);
    }

    private void assertHostUntouched() throws Exception {
        try (Stream<Path> files = Files.list(victim)) {
            assertEquals(List.of(victim.resolve("sentinel")), files.toList(), "the host directory changed");
        }
        assertEquals("host", Files.readString(victim.resolve("sentinel")));
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            assertFalse(line.contains(victim.toString()), "mounted on the host: " + line);
        }
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void anAbsoluteLinkResolvesInsideTheRootfs() throws Exception {
        Files.createSymbolicLink(bundle.rootfs().resolve("abs"), victim);
        mount("/abs", "tmpfs", "tmpfs", "size=1m");
        HuskRunner.Result r = run("touch /abs/planted && grep -c ' " + victim + " ' /proc/self/mountinfo");
        assertEquals(0, r.exit(), r.err());
        assertEquals("1", r.out().strip(), "the tmpfs sits at the link's target inside the rootfs");
        assertHostUntouched();
    }

    @Test
    void aRelativeLinkCannotClimbOutOfTheRootfs() throws Exception {
        Files.createSymbolicLink(bundle.rootfs().resolve("rel"), Path.of("../../../../../../../.." + victim));
        mount("/rel", "tmpfs", "tmpfs", "size=1m");
        HuskRunner.Result r = run("touch /rel/planted");
        assertEquals(0, r.exit(), r.err());
        assertHostUntouched();
    }

    @Test
    void aDanglingLinkNeverCreatesItsHostTarget() throws Exception {
        Path missing = victim.resolve("missing");
        Files.createSymbolicLink(bundle.rootfs().resolve("dangling"), missing);
        Files.createSymbolicLink(bundle.rootfs().resolve("danglingfile"), victim.resolve("missing-file"));
        Files.writeString(bundle.dir().resolve("src-file"), "content");
        mount("/dangling", "tmpfs", "tmpfs", "size=1m");
        mount("/danglingfile", "bind", bundle.dir().resolve("src-file").toString(), "bind");
        run("true"); // may fail or mount inside the rootfs; the host is what matters
        assertHostUntouched();
    }

    @Test
    void aLinkOnAParentDirectoryResolvesInsideTheRootfs() throws Exception {
        Files.createSymbolicLink(bundle.rootfs().resolve("parent"), victim);
        Files.writeString(bundle.dir().resolve("src-file"), "content");
        mount("/parent/sub/dir", "tmpfs", "tmpfs", "size=1m");
        mount("/parent/file", "bind", bundle.dir().resolve("src-file").toString(), "bind");
        HuskRunner.Result r = run("cat /parent/file && touch /parent/sub/dir/x");
        assertEquals(0, r.exit(), r.err());
        assertEquals("content", r.out());
        assertHostUntouched();
    }

    @Test
    void aProcThatIsASymlinkIsRefused() throws Exception {
        Files.delete(bundle.rootfs().resolve("proc"));
        Files.createSymbolicLink(bundle.rootfs().resolve("proc"), victim);
        HuskRunner.Result r = run("true");
        assertNotEquals(0, r.exit());
        assertTrue(r.errLine().contains("/proc must be mounted on an ordinary directory"), r.err());
        assertFalse(Files.exists(bundle.rootfs().resolve(victim.toString().substring(1))),
                "nothing made at the link's target inside the rootfs either");
        assertHostUntouched();
    }

    @Test
    void aSysBehindASymlinkedParentIsRefused() throws Exception {
        Files.delete(bundle.rootfs().resolve("sys"));
        Files.createSymbolicLink(bundle.rootfs().resolve("sys"), victim);
        HuskRunner.Result r = run("true");
        assertNotEquals(0, r.exit());
        assertTrue(r.errLine().contains("/sys must be mounted on an ordinary directory"), r.err());
        assertHostUntouched();
    }
}
