package io.husk.core.seccomp;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.husk.core.HuskException;
import io.husk.core.config.ConfigLoader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every malformed part of linux.seccomp is refused naming its field. */
class SeccompValidatorTest {
    private static void validate(String seccomp) {
        String json = """
                {"ociVersion": "1.2.0", "process": {"args": ["sh"], "cwd": "/"}, "root": {"path": "rootfs"},
                 "linux": {"seccomp": %s}}""".formatted(seccomp);
        SeccompValidator.validate(ConfigLoader.parse(json.getBytes(StandardCharsets.UTF_8), "c").linux().seccomp());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"defaultAction\": \"SCMP_ACT_NOPE\"}|linux.seccomp.defaultAction",
        "{\"defaultAction\": \"SCMP_ACT_NOTIFY\", \"listenerPath\": \"/l\"}|linux.seccomp.defaultAction",
        "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"defaultErrnoRet\": 1}|linux.seccomp.defaultErrnoRet",
        "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"flags\": [\"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV\"]}"
                + "|linux.seccomp.flags",
        "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"architectures\": [\"x86_64\"]}|linux.seccomp.architectures[0]",
        "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"flags\": [\"SECCOMP_FILTER_FLAG_X\"]}|linux.seccomp.flags[0]",
        "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [], \"action\": \"SCMP_ACT_LOG\"}]}"
                + "|linux.seccomp.syscalls[0].names",
        "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"a\"], \"action\": \"SCMP_ACT_LOG\","
                + " \"errnoRet\": 1}]}|linux.seccomp.syscalls[0].errnoRet",
        "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"a\"], \"action\": \"SCMP_ACT_LOG\","
                + " \"args\": [{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_XX\"}]}]}"
                + "|linux.seccomp.syscalls[0].args[0].op",
        "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"a\"], \"action\": \"SCMP_ACT_LOG\","
                + " \"args\": [{\"index\": 9, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}]}"
                + "|linux.seccomp.syscalls[0].args[0].index",
        "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"a\"],"
                + " \"action\": \"SCMP_ACT_NOTIFY\"}]}|linux.seccomp.listenerPath",
        "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"listenerPath\": \"/l\"}|linux.seccomp.listenerPath",
        "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"listenerPath\": \"/l\", \"syscalls\": [{\"names\": [\"sendmsg\"],"
                + " \"action\": \"SCMP_ACT_NOTIFY\"}]}|linux.seccomp.syscalls[0]",
    })
    void refused(String seccomp, String field) {
        HuskException e = assertThrows(HuskException.class, () -> validate(seccomp));
        assertTrue(e.getMessage().startsWith(field), e.getMessage());
    }

    @Test
    void aCompleteProfileIsAccepted() {
        validate("""
                {"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1,
                 "architectures": ["SCMP_ARCH_X86_64"], "flags": ["SECCOMP_FILTER_FLAG_SPEC_ALLOW"],
                 "listenerPath": "/run/l.sock",
                 "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_NOTIFY"},
                              {"names": ["kill"], "action": "SCMP_ACT_TRACE", "errnoRet": 3,
                               "args": [{"index": 1, "value": 4, "valueTwo": 4, "op": "SCMP_CMP_MASKED_EQ"}]}]}""");
    }
}
