package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The helper binary cannot be overwritten (CVE-2019-5736 class) and is non-dumpable until the container's
 * process execs. Between create and start the container's init is husk-init itself.
 */
class SecurityHelperIT {
    private Path root;
    private HuskRunner husk;
    private Bundle bundle;
    private String id;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("husk-root");
        husk = new HuskRunner(root);
        id = "hp-" + Long.toHexString(System.nanoTime());
        bundle = Bundle.busybox("sleep", "600");
        ((ObjectNode) bundle.linux().path("resources")).remove("devices");
    }

    @AfterEach
    void tearDown() throws Exception {
        husk.run("delete", "--force", id);
        bundle.close();
        Files.deleteIfExists(root);
    }

    private long createdInit() throws Exception {
        bundle.write();
        husk.ok("create", "--bundle", bundle.dir().toString(), id);
        return new ObjectMapper().readTree(husk.ok("state", id).out()).get("pid").asLong();
    }

    /** Even the host's root cannot open the running helper for writing, neither by /proc/PID/exe nor its fd. */
    @Test
    void theHelperCannotBeWritten() throws Exception {
        long pid = createdInit();
        Path exe = Path.of("/proc/" + pid + "/exe");
        assertTrue(Files.readSymbolicLink(exe).toString().startsWith("/memfd:husk-init"),
                Files.readSymbolicLink(exe).toString());
        byte[] before = Files.readAllBytes(exe);
        assertThrows(IOException.class, () -> Files.write(exe, new byte[] {0x7f}, StandardOpenOption.WRITE));
        assertThrows(IOException.class, () -> Files.write(exe, new byte[] {0x7f}, StandardOpenOption.APPEND));
        assertThrows(IOException.class, () -> Files.write(exe, new byte[0], StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(exe)));
    }

    /** A process that joins the created container cannot even open the init's exe: it is non-dumpable. */
    @Test
    void aJoiningProcessCannotOpenTheInitsExe() throws Exception {
        createdInit();
        HuskRunner.Result r = husk.run("exec", id, "sh", "-c",
                "echo x > /proc/1/exe; echo write=$?; cat /proc/1/exe > /dev/null; echo read=$?");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("write=1") && r.out().contains("read=1"), r.out());
        assertTrue(r.err().contains("Permission denied"), r.err());
    }

    /** With CAP_SYS_PTRACE the joining process gets past the dumpable check; the memfd's seals still hold. */
    @Test
    void evenWithPtraceTheSealsHold() throws Exception {
        for (String set : new String[] {"bounding", "effective", "permitted"}) {
            bundle.process().with("capabilities").withArray(set).add("CAP_SYS_PTRACE");
        }
        createdInit();
        HuskRunner.Result r = husk.run("exec", id, "sh", "-c",
                "readlink /proc/1/exe; echo x >> /proc/1/exe; echo append=$?; echo x > /proc/1/exe; echo write=$?");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("/memfd:husk-init"), r.out());
        assertTrue(r.out().contains("append=1") && r.out().contains("write=1"), r.out());
    }

    /**
     * In a user namespace the /proc files of a dumpable process belong to its (mapped) uid, those of a
     * non-dumpable one to the host's root: the helper is non-dumpable until the payload's execve.
     */
    @Test
    void nonDumpableUntilTheExec() throws Exception {
        UsernsIT.userns(bundle);
        Files.setPosixFilePermissions(bundle.dir(), PosixFilePermissions.fromString("rwxr-xr-x"));
        long pid = createdInit();
        Path status = Path.of("/proc/" + pid + "/status");
        assertTrue(Files.readString(status).contains("Uid:\t100000\t100000"), "the init runs as mapped root");
        assertEquals(0, Files.getAttribute(status, "unix:uid", LinkOption.NOFOLLOW_LINKS), "non-dumpable");
        husk.ok("start", id);
        LifecycleIT.waitFor(() -> {
            try {
                return Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe")).toString().endsWith("busybox");
            } catch (IOException e) {
                return false;
            }
        });
        assertEquals(100000, Files.getAttribute(status, "unix:uid", LinkOption.NOFOLLOW_LINKS), "dumpable again");
    }
}
