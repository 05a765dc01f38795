package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** linux.sysctl and names: set inside the container's own namespaces, refused otherwise, the host untouched. */
class SysctlIT {
    private static final Path IP_FORWARD = Path.of("/proc/sys/net/ipv4/ip_forward");
    private static final Path SHMMAX = Path.of("/proc/sys/kernel/shmmax");
    private static final Path SWAPPINESS = Path.of("/proc/sys/vm/swappiness");

    private Path root;
    private HuskRunner husk;
    private Bundle bundle;
    private String id;
    private List<String> hostBefore;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("husk-root");
        husk = new HuskRunner(root);
        id = "sy-" + Long.toHexString(System.nanoTime());
        bundle = Bundle.busybox();
        ((ObjectNode) bundle.linux().path("resources")).remove("devices");
        hostBefore = host();
    }

    @AfterEach
    void tearDown() throws Exception {
        husk.run("delete", "--force", id);
        bundle.close();
        Files.deleteIfExists(root);
        assertEquals(hostBefore, host(), "the host's sysctls changed");
    }

    private static List<String> host() throws Exception {
        return List.of(Files.readString(IP_FORWARD), Files.readString(SHMMAX), Files.readString(SWAPPINESS),
                Files.readString(Path.of("/proc/sys/kernel/hostname")));
    }

    private void dropNamespace(String type) {
        ArrayNode ns = bundle.linux().withArray("namespaces");
        for (Iterator<JsonNode> it = ns.elements(); it.hasNext();) {
            if (type.equals(it.next().path("type").asText())) {
                it.remove();
            }
        }
    }

    private void assertRefused(String expected) throws Exception {
        bundle.write();
        HuskRunner.Result r = husk.run("create", "--bundle", bundle.dir().toString(), id);
        assertNotEquals(0, r.exit(), "create must fail");
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(expected), expected + ": " + r.err());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void namespacedSysctlsAreSetInsideOnly() throws Exception {
        String forward = Files.readString(IP_FORWARD).strip().equals("1") ? "0" : "1";
        bundle.linux().putObject("sysctl").put("net.ipv4.ip_forward", forward).put("kernel/shmmax", "123456789")
                .put("kernel.msgmax", "4242");
        bundle.args("sh", "-c", "cat /proc/sys/net/ipv4/ip_forward /proc/sys/kernel/shmmax"
                + " /proc/sys/kernel/msgmax").write();
        HuskRunner.Result r = husk.run("run", "--bundle", bundle.dir().toString(), id);
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of(forward, "123456789", "4242"), r.out().lines().toList());
    }

    @Test
    void netSysctlWithoutANetworkNamespaceIsRefused() throws Exception {
        dropNamespace("network");
        bundle.linux().putObject("sysctl").put("net.ipv4.ip_forward", "1");
        assertRefused("linux.sysctl[net.ipv4.ip_forward]");
    }

    @Test
    void ipcSysctlWithoutAnIpcNamespaceIsRefused() throws Exception {
        dropNamespace("ipc");
        bundle.linux().putObject("sysctl").put("kernel.shmmax", "1");
        assertRefused("linux.sysctl[kernel.shmmax]");
    }

    @Test
    void sysctlsNoNamespaceCoversAreRefused() throws Exception {
        bundle.linux().putObject("sysctl").put("vm.swappiness", "1");
        assertRefused("linux.sysctl[vm.swappiness]");
        bundle.linux().putObject("sysctl").put("net/../vm/swappiness", "1");
        assertRefused("linux.sysctl[net/../vm/swappiness]");
    }

    @Test
    void hostnameAndDomainnameNeedAUtsNamespace() throws Exception {
        dropNamespace("uts");
        bundle.config().put("hostname", "inside");
        assertRefused("hostname");
        bundle.config().remove("hostname");
        bundle.config().put("domainname", "example.org");
        assertRefused("domainname");
    }
}
