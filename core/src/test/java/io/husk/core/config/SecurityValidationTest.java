package io.husk.core.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.husk.core.HuskException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The security parts of ConfigValidator: sysctls, names, capabilities, scheduling, personality, seccomp. */
class SecurityValidationTest {
    private Path bundle;

    @BeforeEach
    void setUp() throws Exception {
        bundle = Files.createTempDirectory("husk-validate");
        Files.createDirectory(bundle.resolve("rootfs"));
    }

    @AfterEach
    void tearDown() throws Exception {
        Files.delete(bundle.resolve("rootfs"));
        Files.delete(bundle);
    }

    private void validate(String process, String linux, String top) {
        String json = """
                {"ociVersion": "1.2.0", "process": {"args": ["sh"], "cwd": "/" %s}, "root": {"path": "rootfs"},
                 "linux": {"namespaces": [{"type": "mount"}, {"type": "uts"}] %s} %s}"""
                .formatted(process, linux, top);
        ConfigValidator.validate(ConfigLoader.parse(json.getBytes(StandardCharsets.UTF_8), "config.json"), bundle);
    }

    private void refused(String field, String process, String linux, String top) {
        HuskException e = assertThrows(HuskException.class, () -> validate(process, linux, top));
        assertTrue(e.getMessage().startsWith(field), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "net.ipv4.ip_forward|",
        "net/ipv4/ip_forward|",
        "kernel.shmmax|",
        "fs.mqueue.queues_max|",
        "vm.swappiness|no namespace",
        "kernel.core_pattern|no namespace",
        "net/../kernel/core_pattern|not a sysctl",
        ".net.x|not a sysctl",
    })
    void sysctlsWithoutNetworkOrIpcNamespace(String key, String reason) {
        HuskException e = assertThrows(HuskException.class,
                () -> ConfigValidator.sysctls(Map.of(key, "1"), Set.of("mount", "uts")));
        assertTrue(e.getMessage().startsWith("linux.sysctl[" + key + "]"), e.getMessage());
        if (reason != null) {
            assertTrue(e.getMessage().contains(reason), e.getMessage());
        }
    }

    @Test
    void sysctlsCoveredByTheContainersNamespaces() {
        ConfigValidator.sysctls(Map.of("net.ipv4.ip_forward", "1", "kernel.msgmax", "1", "kernel.shmmax", "1",
                "fs.mqueue.msg_max", "1", "kernel.hostname", "x", "kernel.domainname", "y"),
                Set.of("network", "ipc", "uts"));
    }

    @Test
    void hostnameAndDomainnameNeedUts() {
        HuskException e = assertThrows(HuskException.class, () -> ConfigValidator.validate(ConfigLoader.parse("""
                {"ociVersion": "1.2.0", "process": {"args": ["sh"], "cwd": "/"}, "root": {"path": "rootfs"},
                 "hostname": "h", "linux": {"namespaces": [{"type": "mount"}]}}""".getBytes(StandardCharsets.UTF_8),
                "c"), bundle));
        assertTrue(e.getMessage().startsWith("hostname"), e.getMessage());
        e = assertThrows(HuskException.class, () -> ConfigValidator.validate(ConfigLoader.parse("""
                {"ociVersion": "1.2.0", "process": {"args": ["sh"], "cwd": "/"}, "root": {"path": "rootfs"},
                 "domainname": "d", "linux": {"namespaces": [{"type": "mount"}]}}""".getBytes(
                StandardCharsets.UTF_8), "c"), bundle));
        assertTrue(e.getMessage().startsWith("domainname"), e.getMessage());
        validate("", "", ", \"hostname\": \"h\", \"domainname\": \"d\"");
    }

    @Test
    void capabilities() {
        validate(", \"capabilities\": {\"bounding\": [\"CAP_KILL\", \"CAP_NOT_YET_INVENTED\"]}", "", "");
        refused("process.capabilities.ambient", ", \"capabilities\": {\"ambient\": [\"KILL\"]}", "", "");
        refused("process.capabilities.permitted", ", \"capabilities\": {\"permitted\": [\"cap_kill\"]}", "", "");
    }

    @Test
    void schedulingAndPersonality() {
        validate(", \"scheduler\": {\"policy\": \"SCHED_FIFO\", \"priority\": 10, \"flags\":"
                + " [\"SCHED_FLAG_RESET_ON_FORK\"]}, \"ioPriority\": {\"class\": \"IOPRIO_CLASS_IDLE\"}",
                ", \"personality\": {\"domain\": \"LINUX32\"}", "");
        refused("process.scheduler.nice", ", \"scheduler\": {\"policy\": \"SCHED_OTHER\", \"nice\": 20}", "", "");
        refused("process.scheduler.priority", ", \"scheduler\": {\"policy\": \"SCHED_RR\"}", "", "");
        refused("process.scheduler.priority", ", \"scheduler\": {\"policy\": \"SCHED_BATCH\", \"priority\": 3}",
                "", "");
        refused("process.scheduler", ", \"scheduler\": {\"policy\": \"SCHED_DEADLINE\", \"runtime\": 1}", "", "");
        refused("process.scheduler.flags[0]", ", \"scheduler\": {\"policy\": \"SCHED_OTHER\", \"flags\": [\"X\"]}",
                "", "");
        refused("process.ioPriority.class", ", \"ioPriority\": {\"class\": \"BE\"}", "", "");
        refused("linux.personality.flags", "", ", \"personality\": {\"domain\": \"LINUX\", \"flags\": [\"x\"]}",
                "");
    }

    @Test
    void seccompIsCheckedWithTheRest() {
        refused("linux.seccomp.defaultAction", "", ", \"seccomp\": {\"defaultAction\": \"ALLOW\"}", "");
    }
}
