package io.husk.core.seccomp;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The OCI names of seccomp actions, comparison operators, filter flags and architectures, and their values. */
public final class SeccompNames {
    /** Action bases of {@code seccomp.h}; errno and trace carry their data in the low 16 bits. */
    static final int ACT_KILL_PROCESS = 0x80000000, ACT_KILL_THREAD = 0, ACT_TRAP = 0x00030000,
            ACT_ERRNO = 0x00050000, ACT_TRACE = 0x7ff00000, ACT_NOTIFY = 0x7fc00000, ACT_LOG = 0x7ffc0000,
            ACT_ALLOW = 0x7fff0000;

    private static final Map<String, Integer> ACTIONS = Map.of(
            "SCMP_ACT_KILL", ACT_KILL_THREAD, "SCMP_ACT_KILL_THREAD", ACT_KILL_THREAD,
            "SCMP_ACT_KILL_PROCESS", ACT_KILL_PROCESS, "SCMP_ACT_TRAP", ACT_TRAP, "SCMP_ACT_ERRNO", ACT_ERRNO,
            "SCMP_ACT_TRACE", ACT_TRACE, "SCMP_ACT_ALLOW", ACT_ALLOW, "SCMP_ACT_LOG", ACT_LOG,
            "SCMP_ACT_NOTIFY", ACT_NOTIFY);

    /** {@code enum scmp_compare} of libseccomp. */
    private static final Map<String, Integer> OPERATORS = Map.of(
            "SCMP_CMP_NE", 1, "SCMP_CMP_LT", 2, "SCMP_CMP_LE", 3, "SCMP_CMP_EQ", 4, "SCMP_CMP_GE", 5,
            "SCMP_CMP_GT", 6, "SCMP_CMP_MASKED_EQ", 7);

    /** {@code SECCOMP_FILTER_FLAG_*} of {@code linux/seccomp.h}; passed to seccomp(2) by husk-init. */
    private static final Map<String, Long> FLAGS = Map.of(
            "SECCOMP_FILTER_FLAG_TSYNC", 1L, "SECCOMP_FILTER_FLAG_LOG", 2L, "SECCOMP_FILTER_FLAG_SPEC_ALLOW", 4L,
            "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV", 32L);

    static final long FLAG_TSYNC = 1, FLAG_NEW_LISTENER = 8;

    /**
     * The architectures config-linux.md names. {@link #arch} takes any well-formed name and leaves it to
     * libseccomp; this list is what husk offers to recognise, each one still subject to libseccomp knowing it.
     */
    private static final List<String> ARCHITECTURES = List.of("SCMP_ARCH_X86", "SCMP_ARCH_X86_64",
            "SCMP_ARCH_X32", "SCMP_ARCH_ARM", "SCMP_ARCH_AARCH64", "SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64",
            "SCMP_ARCH_MIPS64N32", "SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64", "SCMP_ARCH_MIPSEL64N32",
            "SCMP_ARCH_PPC", "SCMP_ARCH_PPC64", "SCMP_ARCH_PPC64LE", "SCMP_ARCH_S390", "SCMP_ARCH_S390X",
            "SCMP_ARCH_PARISC", "SCMP_ARCH_PARISC64", "SCMP_ARCH_RISCV64");

    private SeccompNames() {
    }

    /** The action base of an OCI action name, or null. */
    public static Integer action(String name) {
        return name == null ? null : ACTIONS.get(name);
    }

    /** Whether the action takes errnoRet (errno and trace do). */
    public static boolean takesErrno(String name) {
        return "SCMP_ACT_ERRNO".equals(name) || "SCMP_ACT_TRACE".equals(name);
    }

    public static Integer operator(String name) {
        return name == null ? null : OPERATORS.get(name);
    }

    public static Long flag(String name) {
        return name == null ? null : FLAGS.get(name);
    }

    /** Every action name {@link #action} accepts, sorted. */
    public static List<String> actions() {
        return ACTIONS.keySet().stream().sorted().toList();
    }

    /** Every operator name {@link #operator} accepts, sorted. */
    public static List<String> operators() {
        return OPERATORS.keySet().stream().sorted().toList();
    }

    /** Every filter flag name {@link #flag} accepts, sorted. */
    public static List<String> flags() {
        return FLAGS.keySet().stream().sorted().toList();
    }

    public static List<String> architectures() {
        return ARCHITECTURES;
    }

    /** libseccomp's name of an OCI architecture ("SCMP_ARCH_X86_64" is "x86_64"), or null when malformed. */
    public static String arch(String name) {
        if (name == null || !name.matches("SCMP_ARCH_[A-Z0-9_]+")) {
            return null;
        }
        return name.substring("SCMP_ARCH_".length()).toLowerCase(Locale.ROOT);
    }
}
