package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A new user namespace: several id ranges, setgroups, mounts and devices inside, the host files untouched. */
class UsernsIT {
    private Path root;
    private HuskRunner husk;
    private Bundle bundle;
    private String id;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("husk-root");
        husk = new HuskRunner(root);
        id = "us-" + Long.toHexString(System.nanoTime());
        bundle = Bundle.busybox();
        ((ObjectNode) bundle.linux().path("resources")).remove("devices");
        userns(bundle);
        // The container's root is an unprivileged host uid: like any bundle meant for a user namespace, the
        // directory must be searchable by it (a temporary directory starts as 0700).
        Files.setPosixFilePermissions(bundle.dir(), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void tearDown() throws Exception {
        husk.run("delete", "--force", id);
        bundle.close();
        Files.deleteIfExists(root);
    }

    /** Adds a user namespace with two ranges for uids and gids. */
    static void userns(Bundle bundle) {
        bundle.linux().withArray("namespaces").addObject().put("type", "user");
        for (String key : new String[] {"uidMappings", "gidMappings"}) {
            ArrayNode maps = bundle.linux().putArray(key);
            maps.addObject().put("containerID", 0).put("hostID", 100000).put("size", 1000);
            maps.addObject().put("containerID", 1000).put("hostID", 300000).put("size", 65536);
        }
    }

    @Test
    void mapsMountsDevicesAndGroups() throws Exception {
        bundle.process().with("user").put("uid", 1000).put("gid", 1000).putArray("additionalGids").add(5);
        bundle.args("sh", "-c", "cat /proc/self/uid_map /proc/self/gid_map /proc/self/setgroups;"
                + " grep -E '^(Uid|Groups):' /proc/$$/status; echo x > /dev/null && echo devnull=ok;"
                + " head -c 4 /dev/zero | wc -c; grep -c ' / ' /proc/self/mountinfo; ls /proc/1/ > /dev/null"
                + " && echo proc=ok").write();
        HuskRunner.Result r = husk.run("run", "--bundle", bundle.dir().toString(), id);
        assertEquals(0, r.exit(), r.err());
        String out = r.out().replaceAll("[ \t]+", " ");
        assertTrue(out.contains(" 0 100000 1000\n") && out.contains(" 1000 300000 65536\n"), out);
        assertEquals(4, out.lines().filter(l -> l.matches(" ?(0 100000 1000|1000 300000 65536)")).count(), out);
        assertTrue(out.contains("allow"), out);
        assertTrue(out.contains("Uid: 1000 1000 1000 1000"), out);
        assertTrue(out.contains("Groups: 5"), out);
        assertTrue(out.contains("devnull=ok"), out);
        assertTrue(out.lines().anyMatch(l -> l.strip().equals("4")), out);
        assertTrue(out.contains("proc=ok"), out);
    }

    /** A joined user namespace is a user namespace too: the devices are bound from the host, not made. */
    @Test
    void aJoinedUserNamespaceGetsItsDevicesBound() throws Exception {
        bundle.args("sleep", "60").write();
        husk.ok("create", "--bundle", bundle.dir().toString(), id);
        int pid = Integer.parseInt(husk.ok("state", id).out().replaceAll("(?s).*\"pid\": (\\d+).*", "$1"));
        try (Bundle joiner = Bundle.busybox()) {
            Files.setPosixFilePermissions(joiner.dir(), PosixFilePermissions.fromString("rwxr-xr-x"));
            ((ObjectNode) joiner.linux().path("resources")).remove("devices");
            joiner.linux().withArray("namespaces").addObject().put("type", "user")
                    .put("path", "/proc/" + pid + "/ns/user");
            joiner.args("sh", "-c", "cat /proc/self/uid_map; echo x > /dev/null && echo devnull=ok").write();
            HuskRunner.Result r = husk.run("run", "--bundle", joiner.dir().toString(), id + "-j");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().replaceAll("[ \t]+", " ").contains(" 0 100000 1000\n"), r.out());
            assertTrue(r.out().contains("devnull=ok"), r.out());
        } finally {
            husk.run("delete", "--force", id + "-j");
        }
    }

    @Test
    void rootfsAndBundleStayRootOwned() throws Exception {
        bundle.config().with("root").put("readonly", false);
        bundle.args("sh", "-c", "touch /tmp/f 2>/dev/null; id -u").write();
        HuskRunner.Result r = husk.run("run", "--bundle", bundle.dir().toString(), id);
        assertEquals(0, r.exit(), r.err());
        assertEquals("0", r.out().strip(), "root inside the user namespace");
        for (Path p : new Path[] {bundle.dir(), bundle.rootfs(), bundle.rootfs().resolve("tmp"),
                bundle.rootfs().resolve("bin/busybox"), bundle.rootfs().resolve("etc/passwd")}) {
            assertEquals(0, Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS), p.toString());
            assertEquals(0, Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS), p.toString());
        }
    }

    /**
     * The case idmapped mounts exist for: a host directory owned by host root, mapped onto the container's own
     * range, is root's inside the container, which writes to it as root; the host sees its root's files.
     */
    @Test
    void anIdmappedMountGivesTheContainersRootAHostDirectory() throws Exception {
        Path host = Files.createTempDirectory("husk-idmap");
        try {
            Files.setPosixFilePermissions(host, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(host.resolve("from-host"), "x");
            ObjectNode m = bundle.config().withArray("mounts").addObject().put("destination", "/tmp")
                    .put("type", "bind").put("source", host.toString());
            m.putArray("options").add("rbind").add("idmap");
            for (String key : new String[] {"uidMappings", "gidMappings"}) {
                m.putArray(key).addObject().put("containerID", 0).put("hostID", 100000).put("size", 1000);
            }
            bundle.args("sh", "-c", "stat -c '%u:%g' /tmp/from-host && touch /tmp/from-container").write();
            HuskRunner.Result r = husk.run("run", "--bundle", bundle.dir().toString(), id);
            assertEquals(0, r.exit(), r.err());
            assertEquals("0:0", r.out().strip());
            Path made = host.resolve("from-container");
            assertEquals(0, Files.getAttribute(made, "unix:uid", LinkOption.NOFOLLOW_LINKS));
            assertEquals(0, Files.getAttribute(made, "unix:gid", LinkOption.NOFOLLOW_LINKS));
        } finally {
            try (var files = Files.list(host)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(host);
        }
    }
}
