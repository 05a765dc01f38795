package io.husk.core.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.husk.core.config.ConfigLoader;
import io.husk.core.config.Spec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Compilation with the host's libseccomp: sizes, flags, warnings and how comparisons become rules. */
class SeccompCompilerTest {
    private static Spec.Seccomp parse(String seccomp) {
        String json = """
                {"ociVersion": "1.2.0", "process": {"args": ["sh"], "cwd": "/"}, "root": {"path": "rootfs"},
                 "linux": {"seccomp": %s}}""".formatted(seccomp);
        return ConfigLoader.parse(json.getBytes(StandardCharsets.UTF_8), "config.json").linux().seccomp();
    }

    @Test
    void aSmallProfileIsWholeInstructions() {
        SeccompProgram p = SeccompCompiler.compile(parse("""
                {"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"],
                 "flags": ["SECCOMP_FILTER_FLAG_LOG"],
                 "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38}]}"""), w -> { });
        assertTrue(p.instructions() > 2);
        assertEquals(0, p.bpf().length % SeccompProgram.INSTRUCTION);
        assertEquals(2, p.flags());
        assertFalse(p.listener());
    }

    @Test
    void unknownSyscallsAreWarnedAboutAndSkipped() {
        List<String> warnings = new ArrayList<>();
        SeccompCompiler.compile(parse("""
                {"defaultAction": "SCMP_ACT_ALLOW",
                 "syscalls": [{"names": ["mkdir", "not_a_syscall"], "action": "SCMP_ACT_KILL_PROCESS"}]}"""),
                warnings::add);
        assertEquals(1, warnings.size());
        assertTrue(warnings.getFirst().contains("not_a_syscall") && warnings.getFirst().contains("syscalls[0]"));
    }

    @Test
    void notifyAddsTheListenerFlagAndDropsTsync() {
        SeccompProgram p = SeccompCompiler.compile(parse("""
                {"defaultAction": "SCMP_ACT_ALLOW", "flags": ["SECCOMP_FILTER_FLAG_TSYNC"],
                 "listenerPath": "/run/l.sock",
                 "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_NOTIFY"}]}"""), w -> { });
        assertTrue(p.listener());
        assertEquals(SeccompNames.FLAG_NEW_LISTENER, p.flags());
    }

    @Test
    void aRuleThatRepeatsTheDefaultChangesNothing() {
        SeccompProgram p = SeccompCompiler.compile(parse("""
                {"defaultAction": "SCMP_ACT_ERRNO",
                 "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_ERRNO"}]}"""), w -> { });
        SeccompProgram none = SeccompCompiler.compile(parse("""
                {"defaultAction": "SCMP_ACT_ERRNO"}"""), w -> { });
        assertEquals(none.instructions(), p.instructions());
    }

    @Test
    void everyOperatorCompiles() {
        for (String op : List.of("SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ", "SCMP_CMP_GE",
                "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ")) {
            SeccompProgram p = SeccompCompiler.compile(parse("""
                    {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["kill"], "action": "SCMP_ACT_LOG",
                     "args": [{"index": 1, "value": 9, "valueTwo": 9, "op": "%s"},
                              {"index": 0, "value": 18446744073709551615, "op": "SCMP_CMP_NE"}]}]}"""
                    .formatted(op)), w -> { });
            assertTrue(p.instructions() > 4, op);
        }
    }

    @Test
    void comparisonsOfOneArgumentBecomeSeparateRules() {
        Spec.SeccompArg a = new Spec.SeccompArg(0, BigInteger.ONE, null, "SCMP_CMP_EQ");
        Spec.SeccompArg b = new Spec.SeccompArg(0, BigInteger.TWO, null, "SCMP_CMP_EQ");
        Spec.SeccompArg c = new Spec.SeccompArg(1, BigInteger.TWO, null, "SCMP_CMP_EQ");
        assertEquals(List.of(List.of(a), List.of(b)), SeccompCompiler.conditionGroups(List.of(a, b)));
        assertEquals(List.of(List.of(a, c)), SeccompCompiler.conditionGroups(List.of(a, c)));
        assertEquals(List.of(List.of()), SeccompCompiler.conditionGroups(null));
    }

    /** Docker's default allows about 370 names on three architectures; the kernel takes at most 4096 instructions. */
    @Test
    void aDockerSizedProfileFitsTheKernelLimit() throws Exception {
        java.nio.file.Path table = java.nio.file.Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(table), "kernel headers");
        List<String> all = java.nio.file.Files.readAllLines(table).stream().filter(l -> l.startsWith("#define __NR_"))
                .map(l -> '"' + l.split("\\s+")[1].substring(5) + '"').toList();
        assertTrue(all.size() > 300);
        List<String> warnings = new ArrayList<>();
        SeccompProgram p = SeccompCompiler.compile(parse("""
                {"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1,
                 "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
                 "syscalls": [{"names": [%s], "action": "SCMP_ACT_ALLOW"},
                              {"names": ["personality"], "action": "SCMP_ACT_ALLOW",
                               "args": [{"index": 0, "value": 8, "op": "SCMP_CMP_EQ"}]}]}"""
                .formatted(String.join(", ", all))), warnings::add);
        assertTrue(p.instructions() < 4096, "instructions: " + p.instructions());
        assertEquals(List.of(), warnings);
    }
}
