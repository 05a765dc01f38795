package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The config's mounts on the real kernel: types, flags, propagation, recursive attributes, targets, modes. */
class MountIT {
    /** The mountinfo line of the container's root. */
    private static final String ROOT_LINE = "awk '$5 == \"/\"' /proc/self/mountinfo";
    private Path root;
    private HuskRunner husk;
    private Bundle bundle;
    private String id;
    private Path host;
    private Path hostSubmount;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("husk-root");
        host = Files.createTempDirectory("husk-mnt-src");
        husk = new HuskRunner(root);
        id = "mnt-" + Long.toHexString(System.nanoTime());
        bundle = Bundle.busybox();
        allowDefaultDevices(bundle);
    }

    @AfterEach
    void tearDown() throws Exception {
        husk.run("delete", "--force", id);
        if (hostSubmount != null) {
            sh("umount", hostSubmount.toString());
        }
        bundle.close();
        sh("rm", "-rf", host.toString());
        Files.deleteIfExists(root);
    }

    /**
     * The default config denies every device in the cgroup; like runc's defaults, let the init make nodes (m)
     * and use the spec's default devices, so these tests exercise mounts rather than the device cgroup.
     */
    static void allowDefaultDevices(Bundle b) {
        ArrayNode devices = b.linux().with("resources").putArray("devices");
        devices.addObject().put("allow", false).put("access", "rwm");
        devices.addObject().put("allow", true).put("type", "c").put("access", "m");
        devices.addObject().put("allow", true).put("type", "b").put("access", "m");
        for (int[] d : new int[][] {{1, 3}, {1, 5}, {1, 7}, {1, 8}, {1, 9}, {5, 0}, {5, 2}, {136, -1}}) {
            ObjectNode o = devices.addObject().put("allow", true).put("type", "c").put("major", d[0])
                    .put("access", "rwm");
            if (d[1] >= 0) {
                o.put("minor", d[1]);
            }
        }
    }

    static void sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", cmd) + ": " + out);
        }
    }

    private ObjectNode mount(String dest, String type, String source, String... options) {
        ArrayNode mounts = (ArrayNode) bundle.config().get("mounts");
        ObjectNode m = mounts.addObject().put("destination", dest).put("type", type).put("source", source);
        ArrayNode o = m.putArray("options");
        for (String s : options) {
            o.add(s);
        }
        return m;
    }

    private HuskRunner.Result run(String script) throws Exception {
        bundle.args("sh", "-c", script).write();
        return husk.run("run", "--bundle", bundle.dir().toString(), id);
    }

    private HuskRunner.Result ok(String script) throws Exception {
        HuskRunner.Result r = run(script);
        assertEquals(0, r.exit(), r.out() + r.err());
        return r;
    }

    private HuskRunner.Result refused(String... expected) throws Exception {
        HuskRunner.Result r = run("true");
        assertNotEquals(0, r.exit());
        for (String e : expected) {
            assertTrue(r.errLine().contains(e), "expected \"" + e + "\" in: " + r.err());
        }
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
        return r;
    }

    @Test
    void tmpfsModeIs1777WhenNewTheDirectorysOwnWhenExistingAndModeWhenGiven() throws Exception {
        Files.createDirectory(bundle.rootfs().resolve("existing"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
        mount("/fresh", "tmpfs", "tmpfs");
        mount("/existing", "tmpfs", "tmpfs", "size=1m");
        mount("/given", "tmpfs", "tmpfs", "mode=700", "nr_inodes=100");
        assertEquals("1777\n750\n700\n", ok("stat -c %a /fresh /existing /given").out());
    }

    @Test
    void aReadOnlyTmpfsIsReallyReadOnly() throws Exception {
        mount("/ro", "tmpfs", "tmpfs", "ro");
        HuskRunner.Result r = ok("touch /ro/x 2>&1; grep ' /ro ' /proc/self/mountinfo");
        assertTrue(r.out().contains("Read-only file system"), r.out());
        assertTrue(r.out().contains(" ro,") || r.out().contains(" ro "), r.out());
    }

    @Test
    void aReadOnlyDevStillGetsPtsShmAndDevices() throws Exception {
        ArrayNode mounts = (ArrayNode) bundle.config().get("mounts");
        for (var m : mounts) {
            if ("/dev".equals(m.get("destination").asText())) {
                ((ArrayNode) m.get("options")).add("ro");
            }
        }
        HuskRunner.Result r = ok("ls /dev/pts/ptmx /dev/null /dev/shm >/dev/null && echo ok > /dev/null && "
                + "touch /dev/x 2>&1; touch /dev/shm/y && echo shm-writable");
        assertTrue(r.out().contains("Read-only file system"), r.out());
        assertTrue(r.out().contains("shm-writable"), r.out());
    }

    @Test
    void targetsAreCreatedAsAFileOrADirectoryToMatchTheSource() throws Exception {
        Files.writeString(host.resolve("file"), "file-content");
        Files.createDirectory(host.resolve("dir"));
        Files.writeString(host.resolve("dir/in"), "dir-content");
        mount("/new/deep/file", "bind", host.resolve("file").toString(), "bind");
        mount("/new/deeper/dir", "bind", host.resolve("dir").toString(), "rbind");
        HuskRunner.Result r = ok("test -f /new/deep/file && test -d /new/deeper/dir && cat /new/deep/file "
                + "/new/deeper/dir/in");
        assertEquals("file-contentdir-content", r.out());
    }

    @Test
    void aMissingCwdIsCreated() throws Exception {
        bundle.process().put("cwd", "/made/for/me");
        assertEquals("/made/for/me\n", ok("pwd").out());
    }

    @Test
    void rbindRoMakesOnlyTheTopReadOnlyAndRroTheWholeTree() throws Exception {
        hostSubmount = Files.createDirectory(host.resolve("sub"));
        sh("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", hostSubmount.toString());
        mount("/top", "bind", host.toString(), "rbind", "ro");
        mount("/all", "bind", host.toString(), "rbind", "rro", "rnosuid");
        HuskRunner.Result r = ok("touch /top/x 2>&1; touch /top/sub/x && echo sub-writable; "
                + "touch /all/sub/y 2>&1; grep ' /all/sub ' /proc/self/mountinfo");
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).contains("Read-only file system"), r.out());
        assertEquals("sub-writable", lines.get(1));
        assertTrue(lines.get(2).contains("Read-only file system"), r.out());
        assertTrue(lines.get(3).contains(" ro,") && lines.get(3).contains("nosuid"), r.out());
    }

    @Test
    void flagsAndPropagationReachTheKernel() throws Exception {
        mount("/flags", "tmpfs", "tmpfs", "noexec", "nodev", "nosuid", "noatime", "shared");
        HuskRunner.Result r = ok("grep ' /flags ' /proc/self/mountinfo");
        assertTrue(r.out().contains("nosuid,nodev,noexec,noatime"), r.out());
        assertTrue(r.out().contains("shared:"), r.out());
    }

    @Test
    void rootfsPropagationSharedShowsOnTheRoot() throws Exception {
        bundle.linux().put("rootfsPropagation", "shared");
        HuskRunner.Result r = ok(ROOT_LINE);
        assertTrue(r.out().contains("shared:"), r.out());
    }

    @Test
    void rootfsPropagationUnbindableShowsOnTheRoot() throws Exception {
        bundle.linux().put("rootfsPropagation", "unbindable");
        HuskRunner.Result r = ok(ROOT_LINE);
        assertTrue(r.out().contains("unbindable"), r.out());
    }

    @Test
    void cgroupMountShowsTheContainersCgroupsWithAndWithoutACgroupNamespace() throws Exception {
        String withNs = ok("ls /sys/fs/cgroup | wc -l; touch /sys/fs/cgroup/x 2>&1; true").out();
        assertTrue(Integer.parseInt(withNs.lines().findFirst().orElseThrow().trim()) > 0, withNs);
        assertTrue(withNs.contains("Read-only file system"), withNs);
        ArrayNode ns = (ArrayNode) bundle.linux().get("namespaces");
        for (int i = ns.size() - 1; i >= 0; i--) {
            if ("cgroup".equals(ns.get(i).get("type").asText())) {
                ns.remove(i);
            }
        }
        husk.run("delete", "--force", id);
        String withoutNs = ok("ls /sys/fs/cgroup | wc -l").out();
        assertTrue(Integer.parseInt(withoutNs.trim()) > 0, withoutNs);
    }

    @Test
    void unknownOptionsAreRefusedByName() throws Exception {
        mount("/b", "bind", host.toString(), "rbind", "frobnicate");
        refused("mounts[7].options", "frobnicate", "a bind mount takes no filesystem data");
    }

    @Test
    void unknownBareWordsOnAFilesystemAreRefusedByName() throws Exception {
        mount("/t", "tmpfs", "tmpfs", "size=1m", "sparkly");
        refused("mounts[7].options", "sparkly", "not a mount option");
    }

    @Test
    void anIdmappedMountShowsFilesUnderTheMappedOwner() throws Exception {
        Files.writeString(host.resolve("owned-by-root"), "x");
        Files.setPosixFilePermissions(host, PosixFilePermissions.fromString("rwxr-xr-x"));
        ObjectNode m = mount("/mapped", "bind", host.toString(), "rbind", "idmap");
        m.putArray("uidMappings").addObject().put("containerID", 0).put("hostID", 1000).put("size", 65536);
        m.putArray("gidMappings").addObject().put("containerID", 0).put("hostID", 2000).put("size", 65536);
        HuskRunner.Result r = ok("stat -c '%u:%g' /mapped/owned-by-root");
        assertTrue(r.out().startsWith("1000:2000\n"), r.out());
        assertEquals(0, ((Number) Files.getAttribute(host.resolve("owned-by-root"), "unix:uid")).intValue());
    }

    @Test
    void idmapWithoutMappingsIsRefusedByName() throws Exception {
        mount("/b", "bind", host.toString(), "rbind", "idmap");
        refused("mounts[7].uidMappings", "needs uidMappings and gidMappings");
    }

    @Test
    void mappingsWithoutIdmapAreRefused() throws Exception {
        mount("/b", "bind", host.toString(), "rbind").putArray("uidMappings").addObject().put("containerID", 0)
                .put("hostID", 1000).put("size", 1);
        refused("mounts[7].uidMappings", "idmap or ridmap");
    }

    @Test
    void tmpcopyupStartsTheTmpfsWithACopyOfTheDirectory() throws Exception {
        Path etc = bundle.rootfs().resolve("etc");
        Files.createDirectories(etc.resolve("sub"));
        Files.writeString(etc.resolve("sub/deep"), "deep");
        Files.createSymbolicLink(etc.resolve("link"), Path.of("/etc/passwd"));
        bundle.config().with("root").put("readonly", false);
        mount("/etc", "tmpfs", "tmpfs", "tmpcopyup", "ro");
        HuskRunner.Result r = ok("grep -c ' /etc ' /proc/self/mountinfo; cat /etc/sub/deep; echo; readlink /etc/link;"
                + " head -1 /etc/passwd; touch /etc/x 2>&1; true");
        List<String> lines = r.out().lines().toList();
        assertEquals(List.of("1", "deep", "/etc/passwd", "root:x:0:0:root:/root:/bin/sh"), lines.subList(0, 4));
        assertTrue(lines.get(4).contains("Read-only file system"), r.out());
    }

    @Test
    void tmpcopyupOnABindIsRefusedByName() throws Exception {
        mount("/b", "bind", host.toString(), "rbind", "tmpcopyup");
        refused("mounts[7].options", "tmpcopyup needs a tmpfs");
    }

    @Test
    void aMountWithoutTypeMustBeABind() throws Exception {
        ((ArrayNode) bundle.config().get("mounts")).addObject().put("destination", "/x").put("source", "tmpfs");
        refused("mounts[7].type");
    }
}
