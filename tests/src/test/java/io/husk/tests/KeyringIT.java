package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void noNewKeyringKeepsTheCallersKeyring() throws Exception {
        unmaskProcKeys();
        bundle.args("cat", "/proc/keys").write();
        String keys = husk.ok("run", "--no-new-keyring", "--bundle", bundle.dir().toString(), id).out();
        assertFalse(keys.contains("_ses." + id), keys);
    }
}
