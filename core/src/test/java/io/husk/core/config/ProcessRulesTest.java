package io.husk.core.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.husk.core.HuskException;
import io.husk.core.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules found by trying to break husk: said up front, naming the field, instead of failing in the init. */
class ProcessRulesTest {
    @TempDir
    Path bundle;

    private void validate(String process) throws Exception {
        Files.createDirectories(bundle.resolve("rootfs"));
        Spec spec = ConfigLoader.parse(("{\"ociVersion\":\"1.2.0\",\"root\":{\"path\":\"rootfs\"},"
                + "\"process\":{\"args\":[\"true\"],\"cwd\":\"/\"" + process + "}}").getBytes(), "config.json");
        ConfigValidator.validate(spec, bundle);
    }

    private String refusal(String process) {
        return assertThrows(HuskException.class, () -> validate(process)).getMessage();
    }

    @Test
    void rlimitSoftAboveHard() {
        assertEquals("process.rlimits[0]: soft 2000 is above hard 1000",
                refusal(",\"rlimits\":[{\"type\":\"RLIMIT_NOFILE\",\"soft\":2000,\"hard\":1000}]"));
    }

    @Test
    void rlimitOutsideUnsigned64Bits() {
        refusal(",\"rlimits\":[{\"type\":\"RLIMIT_NOFILE\",\"soft\":-1,\"hard\":1000}]");
        refusal(",\"rlimits\":[{\"type\":\"RLIMIT_NOFILE\",\"soft\":1,\"hard\":1180591620717411303424}]");
        assertDoesNotThrow(() -> validate(",\"rlimits\":[{\"type\":\"RLIMIT_CORE\","
                + "\"soft\":18446744073709551615,\"hard\":18446744073709551615}]"));
    }

    @Test
    void effectiveCapabilitiesComeFromPermitted() {
        assertEquals("process.capabilities.effective: CAP_SYS_ADMIN is not in permitted",
                refusal(",\"capabilities\":{\"effective\":[\"CAP_SYS_ADMIN\"],\"permitted\":[\"CAP_KILL\"]}"));
    }

    /** A string execve(2) would refuse with E2BIG is said at create, naming it, without quoting it. */
    @Test
    void argumentAndEnvironmentStringsFitExecve() {
        String big = "x".repeat(131072);
        assertEquals("process.env[0]: 131074 bytes; execve(2) takes at most 131071 per string",
                refusal(",\"env\":[\"A=" + big + "\"]"));
        assertDoesNotThrow(() -> validate(",\"env\":[\"A=" + "x".repeat(131068) + "\"]"));
    }

    @Test
    void idsThatReadAsFlagsOrNamesOrAreTooLong() {
        assertThrows(HuskException.class, () -> StateStore.validateId("-x"));
        assertThrows(HuskException.class, () -> StateStore.validateId(".."));
        assertEquals("container id: 300 characters, at most 255 allowed",
                assertThrows(HuskException.class, () -> StateStore.validateId("a".repeat(300))).getMessage());
        assertDoesNotThrow(() -> StateStore.validateId("a".repeat(64)));
    }
}
