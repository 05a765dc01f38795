package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Device nodes and /dev symlinks, masked and read-only paths, with and without a user namespace. */
class DeviceIT {
    private Path root;
    private HuskRunner husk;
    private Bundle bundle;
    private String id;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("husk-root");
        husk = new HuskRunner(root);
        id = "dev-" + Long.toHexString(System.nanoTime());
        bundle = Bundle.busybox();
        MountIT.allowDefaultDevices(bundle);
    }

    @AfterEach
    void tearDown() throws Exception {
        husk.run("delete", "--force", id);
        bundle.close();
        Files.deleteIfExists(root);
    }

    private HuskRunner.Result ok(String script) throws Exception {
        bundle.args("sh", "-c", script).write();
        HuskRunner.Result r = husk.run("run", "--bundle", bundle.dir().toString(), id);
        assertEquals(0, r.exit(), r.out() + r.err());
        return r;
    }

    private ObjectNode device(String path, String type, int major, int minor) {
        ObjectNode d = bundle.linux().withArray("devices").addObject().put("path", path).put("type", type);
        if (!type.equals("p")) {
            d.put("major", major).put("minor", minor);
        }
        return d;
    }

    private static final String STAT = "stat -c '%n %F %t:%T %a %u:%g' ";

    @Test
    void theDefaultDevicesAndSymlinksExist() throws Exception {
        HuskRunner.Result r = ok(STAT + "/dev/null /dev/zero /dev/full /dev/random /dev/urandom /dev/tty; "
                + "for l in fd stdin stdout stderr ptmx; do echo $l $(readlink /dev/$l); done; "
                + "echo written > /dev/null && head -c 4 /dev/zero | wc -c");
        List<String> lines = r.out().lines().toList();
        assertEquals(List.of("/dev/null character special file 1:3 666 0:0",
                "/dev/zero character special file 1:5 666 0:0", "/dev/full character special file 1:7 666 0:0",
                "/dev/random character special file 1:8 666 0:0", "/dev/urandom character special file 1:9 666 0:0",
                "/dev/tty character special file 5:0 666 0:0", "fd /proc/self/fd", "stdin /proc/self/fd/0",
                "stdout /proc/self/fd/1", "stderr /proc/self/fd/2", "ptmx pts/ptmx", "4"), lines);
    }

    @Test
    void configuredDevicesGetTheirTypeNumbersModeAndOwner() throws Exception {
        device("/dev/mynull", "c", 1, 3).put("fileMode", 0640).put("uid", 1000).put("gid", 1001);
        device("/dev/myloop", "b", 7, 200).put("fileMode", 0600);
        device("/dev/sub/pipe", "p", 0, 0).put("fileMode", 0620);
        HuskRunner.Result r = ok(STAT + "/dev/mynull /dev/myloop /dev/sub/pipe");
        assertEquals(List.of("/dev/mynull character special file 1:3 640 1000:1001",
                "/dev/myloop block special file 7:c8 600 0:0", "/dev/sub/pipe fifo 0:0 620 0:0"),
                r.out().lines().toList());
    }

    /** A configured device gets the access its linux.resources.devices rule gives, no more (--device X:X:r). */
    @Test
    void aConfiguredDeviceGetsOnlyTheAccessItsRuleGives() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/fuse")), "no /dev/fuse on this host");
        device("/dev/fuse", "c", 10, 229);
        ((ArrayNode) bundle.linux().with("resources").get("devices")).addObject().put("allow", true)
                .put("type", "c").put("major", 10).put("minor", 229).put("access", "r");
        HuskRunner.Result r = ok("exec 3</dev/fuse && echo read-opened; (exec 4>/dev/fuse) 2>/dev/null || echo denied");
        assertEquals(List.of("read-opened", "denied"), r.out().lines().toList());
    }

    @Test
    void aPlantedSymlinkAtADeviceIsRefusedAndNotFollowed() throws Exception {
        removeDevMount();
        Path target = Files.writeString(bundle.dir().resolve("host-file"), "host");
        Files.createSymbolicLink(bundle.rootfs().resolve("dev/null"), target);
        Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        bundle.args("true").write();
        HuskRunner.Result r = husk.run("run", "--bundle", bundle.dir().toString(), id);
        assertNotEquals(0, r.exit());
        assertTrue(r.errLine().contains("/dev/null exists and is not the configured device"), r.err());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(target)));
    }

    @Test
    void inAUserNamespaceDevicesAreBindMountedFromTheHost() throws Exception {
        ArrayNode ns = (ArrayNode) bundle.linux().get("namespaces");
        ns.addObject().put("type", "user");
        for (String f : new String[] {"uidMappings", "gidMappings"}) {
            bundle.linux().putArray(f).addObject().put("containerID", 0).put("hostID", 0).put("size", 65536);
        }
        device("/dev/full", "c", 1, 7);
        HuskRunner.Result r = ok(STAT + "/dev/null /dev/full; grep -c ' /dev/null ' /proc/self/mountinfo; "
                + "echo x > /dev/null && echo null-works");
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("/dev/null character special file 1:3"), r.out());
        assertTrue(lines.get(1).startsWith("/dev/full character special file 1:7"), r.out());
        assertEquals("1", lines.get(2), "a bind mount, not a node made by mknod");
        assertEquals("null-works", lines.get(3));
    }

    @Test
    void maskedPathsHideFilesAndDirectoriesAndReadonlyPathsAreReadOnly() throws Exception {
        Files.createDirectories(bundle.rootfs().resolve("secret-dir"));
        Files.writeString(bundle.rootfs().resolve("secret-dir/inside"), "secret");
        Files.writeString(bundle.rootfs().resolve("secret-file"), "secret");
        Files.createDirectories(bundle.rootfs().resolve("ro-dir"));
        bundle.config().with("root").put("readonly", false);
        bundle.linux().putArray("maskedPaths").add("/secret-dir").add("/secret-file").add("/not-there");
        bundle.linux().putArray("readonlyPaths").add("/ro-dir").add("/not-there-either");
        HuskRunner.Result r = ok("ls /secret-dir | wc -l; cat /secret-file | wc -c; touch /ro-dir/x 2>&1; "
                + "touch /elsewhere && echo rest-writable");
        List<String> lines = r.out().lines().toList();
        assertEquals("0", lines.get(0).strip());
        assertEquals("0", lines.get(1).strip());
        assertTrue(lines.get(2).contains("Read-only file system"), r.out());
        assertEquals("rest-writable", lines.get(3));
    }

    private void removeDevMount() {
        ArrayNode mounts = (ArrayNode) bundle.config().get("mounts");
        for (int i = mounts.size() - 1; i >= 0; i--) {
            if (mounts.get(i).get("destination").asText().startsWith("/dev")) {
                mounts.remove(i);
            }
        }
    }
}
