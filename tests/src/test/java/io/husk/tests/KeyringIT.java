package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

/**
 * The container's session keyring: its own ("_ses.ID"), joined by exec too, as runc makes it; with
 * --no-new-keyring the caller's. /proc/keys lists the keyrings a process can view (unmasked here).
 */
class KeyringIT extends ContainerFixture {
    @Override
    protected String idPrefix() {
        return "key";
    }

    private void unmaskProcKeys() throws Exception {
        ArrayNode masked = (ArrayNode) bundle.linux().get("maskedPaths");
        if (masked != null) {
            for (int i = masked.size() - 1; i >= 0; i--) {
                JsonNode p = masked.get(i);
                if (p.asText().equals("/proc/keys")) {
                    masked.remove(i);
                }
            }
        }
    }

    @Test
    void theContainerAndItsExecsShareTheirOwnSessionKeyring() throws Exception {
        unmaskProcKeys();
        bundle.args("sleep", "60").write();
        husk.ok("run", "--detach", "--bundle", bundle.dir().toString(), id);
        String keys = husk.ok("exec", id, "cat", "/proc/keys").out();
        assertTrue(keys.contains("keyring   _ses." + id + ":"), keys);
        // exec joined the init's keyring by name instead of making a second one of that name
        assertEquals(1, keys.split(" _ses\\." + id + ":", -1).length - 1, keys);
    }

    /** The namespace's root owns the keyring and exec joins as that root: found by name, not made again. */
    @Test
    void inAUserNamespaceTheExecsShareItToo() throws Exception {
        unmaskProcKeys();
        UsernsIT.userns(bundle);
        ((com.fasterxml.jackson.databind.node.ObjectNode) bundle.linux().path("resources")).remove("devices");
        java.nio.file.Files.setPosixFilePermissions(bundle.dir(),
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")); // searchable by its root
        bundle.args("sleep", "60").write();
        husk.ok("run", "--detach", "--bundle", bundle.dir().toString(), id);
        husk.ok("exec", id, "true");
        String keys = husk.ok("exec", id, "cat", "/proc/keys").out();
        assertEquals(1, keys.split(" _ses\\." + id + ":", -1).length - 1, keys);
    }

    /**
     * A static C program: with a name, joins (makes) that session keyring, opens it to everyone, prints its serial
     * and waits, as a squatter would; without one, prints the serial of its own session keyring.
     */
    private static final String KEYS_C = """
            #include <linux/keyctl.h>
            #include <stdio.h>
            #include <sys/syscall.h>
            #include <unistd.h>
            int main(int argc, char **argv) {
                if (argc < 2) {
                    printf("%ld\\n", syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0L));
                    return 0;
                }
                long id = syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, argv[1], 0L, 0L, 0L);
                if (id < 0 || syscall(SYS_keyctl, KEYCTL_SETPERM, id, 0x3f3f3f3fL, 0L, 0L) < 0)
                    return 1;
                printf("%ld\\n", id);
                fflush(stdout);
                sleep(60);
                return 0;
            }
            """;

    /** Another user's keyring of the container's name is not joined: the container takes an anonymous one. */
    @Test
    void aKeyringMadeInAdvanceByAnotherUserIsNotJoined() throws Exception {
        java.nio.file.Path src = java.nio.file.Files.createTempFile("husk-keys", ".c");
        java.nio.file.Path keys = bundle.rootfs().resolve("keys");
        Process squatter = null;
        try {
            java.nio.file.Files.writeString(src, KEYS_C);
            Process cc = new ProcessBuilder("gcc", "-static", "-o", keys.toString(), src.toString()).inheritIO()
                    .start();
            assertEquals(0, cc.waitFor());
            squatter = new ProcessBuilder("setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups",
                    keys.toString(), "_ses." + id).start();
            String theirs = new java.io.BufferedReader(new java.io.InputStreamReader(squatter.getInputStream()))
                    .readLine();
            assertTrue(theirs.matches("\\d+"), "the squatter's keyring: " + theirs);
            bundle.args("/keys").write();
            String ours = husk.ok("run", "--bundle", bundle.dir().toString(), id).out().strip();
            assertTrue(ours.matches("\\d+"), ours);
            assertNotEquals(theirs, ours, "the container did not join the squatter's keyring");
        } finally {
            if (squatter != null) {
                squatter.destroyForcibly().waitFor();
            }
            java.nio.file.Files.deleteIfExists(src);
        }
    }

    @Test
    void noNewKeyringKeepsTheCallersKeyring() throws Exception {
        unmaskProcKeys();
        bundle.args("cat", "/proc/keys").write();
        String keys = husk.ok("run", "--no-new-keyring", "--bundle", bundle.dir().toString(), id).out();
        assertFalse(keys.contains("_ses." + id), keys);
    }
}
