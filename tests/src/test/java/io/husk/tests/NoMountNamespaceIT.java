package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A container with no namespace at all inherits every one of husk's, the mount namespace included (runtime-tools
 * linux_ns_itype): its root is built in the host's mount table under the rootfs, and delete leaves that table
 * as it was, even after a create that was killed half way.
 */
class NoMountNamespaceIT extends ContainerFixture {

    @Override
    protected String idPrefix() {
        return "nomnt";
    }

    private void withoutNamespaces(String... args) throws Exception {
        bundle.linux().putArray("namespaces");
        bundle.config().remove("hostname");
        bundle.args(args);
    }

    @Test
    void theContainerSharesTheHostsMountNamespaceAndDeleteUnmountsEverything() throws Exception {
        withoutNamespaces("sleep", "60");
        bundle.write();
        Files.writeString(bundle.rootfs().resolve("marker"), "in the rootfs\n");
        husk.ok("create", "--bundle", bundle.dir().toString(), id);
        int pid = Integer.parseInt(husk.ok("state", id).out().replaceAll("(?s).*\"pid\": (\\d+).*", "$1"));
        for (String ns : List.of("mnt", "pid", "net", "ipc", "uts", "cgroup")) {
            assertEquals(Files.readSymbolicLink(Path.of("/proc/self/ns", ns)),
                    Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns", ns)), ns);
        }
        assertFalse(mountsUnderBundle().isEmpty(), "the root is built in the host's mount table");
        husk.ok("start", id);
        // exec enters the container's root too, not the host's.
        assertEquals("in the rootfs", husk.ok("exec", id, "cat", "/marker").out().strip());
        husk.ok("delete", "--force", id);
        assertEquals(List.of(), mountsUnderBundle());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void runLeavesNoMountBehind() throws Exception {
        withoutNamespaces("sh", "-c", "readlink /proc/self/ns/mnt; test -e /bin/busybox");
        bundle.write();
        String inside = husk.ok("run", "--bundle", bundle.dir().toString(), id).out().strip();
        assertEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString(), inside);
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    /** husk killed while the init waits in a createContainer hook, with every mount made: delete finds them. */
    @Test
    void deleteUnmountsWhatAKilledCreateLeft() throws Exception {
        withoutNamespaces("true");
        ObjectNode hook = bundle.config().with("hooks").withArray("createContainer").addObject();
        hook.put("path", "/bin/sleep");
        hook.putArray("args").add("sleep").add("30");
        bundle.write();
        Process p = husk.start("create", "--bundle", bundle.dir().toString(), id);
        try {
            long deadline = System.currentTimeMillis() + 20000;
            while (!hookRunning() && p.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(hookRunning(), "the createContainer hook did not start");
            assertFalse(mountsUnderBundle().isEmpty());
        } finally {
            p.destroyForcibly().waitFor();
        }
        husk.ok("delete", "--force", id);
        assertEquals(List.of(), mountsUnderBundle());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    /** A root that is the host's own / (here through a symlink) is refused before anything is made. */
    @Test
    void theHostsRootIsRefused() throws Exception {
        withoutNamespaces("true");
        Files.createSymbolicLink(bundle.dir().resolve("hostroot"), Path.of("/"));
        ((ObjectNode) bundle.config().get("root")).put("path", "hostroot");
        bundle.write();
        HuskRunner.Result r = husk.run("create", "--bundle", bundle.dir().toString(), id);
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.errLine().contains("root.path: without a mount namespace the root cannot be the host's /"),
                r.err());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    private boolean hookRunning() throws Exception {
        return !Traces.processesIn("/husk/" + id).isEmpty() && mountsUnderBundle().size() > 5;
    }

    private List<String> mountsUnderBundle() throws Exception {
        String prefix = bundle.dir().toRealPath() + "/";
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(l -> l.split(" ")[4].startsWith(prefix)).toList();
    }
}
