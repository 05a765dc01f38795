package io.husk.core.seccomp;

import io.husk.core.HuskException;
import io.husk.core.config.Spec;
import io.husk.nativeinit.LibC;
import io.husk.nativeinit.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * Compiles an OCI {@code linux.seccomp} object (already checked by {@link SeccompValidator}) into BPF with
 * libseccomp. Syscall names libseccomp does not know are skipped with a warning, so one profile serves kernels
 * and libseccomp versions of different ages.
 */
public final class SeccompCompiler {
    private static final int EPERM = 1, EEXIST = 17;
    private static final int ATTR_OPTIMIZE = 8, OPTIMIZE_BINARY_TREE = 2;
    /** {@code struct scmp_arg_cmp}: u32 arg, u32 op, u64 datum_a, u64 datum_b. */
    private static final int ARG_CMP_SIZE = 24;
    private static final int MFD_CLOEXEC = 1;

    private final LibSeccomp lib;
    private final Consumer<String> warnings;

    private SeccompCompiler(LibSeccomp lib, Consumer<String> warnings) {
        this.lib = lib;
        this.warnings = warnings;
    }

    public static SeccompProgram compile(Spec.Seccomp s, Consumer<String> warnings) {
        LibSeccomp lib;
        try {
            lib = LibSeccomp.Holder.get();
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new HuskException("linux.seccomp: libseccomp.so.2 is not installed (" + e.getMessage() + ")");
        }
        return new SeccompCompiler(lib, warnings).build(s);
    }

    private SeccompProgram build(Spec.Seccomp s) {
        int defaultErrno = s.defaultErrnoRet() == null ? EPERM : s.defaultErrnoRet();
        Pointer ctx = lib.seccomp_init(action(s.defaultAction(), defaultErrno));
        if (ctx == null) {
            throw new HuskException("linux.seccomp.defaultAction: libseccomp refused " + s.defaultAction());
        }
        try {
            // A binary tree of syscalls keeps profiles of Docker's size well under the kernel's 4096
            // instructions; libseccomp before 2.5 lacks the attribute and builds a list instead.
            lib.seccomp_attr_set(ctx, ATTR_OPTIMIZE, OPTIMIZE_BINARY_TREE);
            addArchitectures(ctx, s.architectures());
            boolean notify = "SCMP_ACT_NOTIFY".equals(s.defaultAction());
            List<Spec.Syscall> calls = s.syscalls() == null ? List.of() : s.syscalls();
            for (int i = 0; i < calls.size(); i++) {
                notify |= addSyscall(ctx, s, calls.get(i), "linux.seccomp.syscalls[" + i + "]");
            }
            return new SeccompProgram(export(ctx), flags(s.flags(), notify), notify);
        } finally {
            lib.seccomp_release(ctx);
        }
    }

    private void addArchitectures(Pointer ctx, List<String> archs) {
        if (archs == null) {
            return;
        }
        for (int i = 0; i < archs.size(); i++) {
            String name = SeccompNames.arch(archs.get(i));
            int token = name == null ? 0 : lib.seccomp_arch_resolve_name(name);
            if (token == 0) {
                throw new HuskException("linux.seccomp.architectures[" + i + "]: libseccomp does not know "
                        + archs.get(i));
            }
            int rc = lib.seccomp_arch_add(ctx, token);
            if (rc < 0 && rc != -EEXIST) { // the native architecture is in every filter already
                throw new HuskException("linux.seccomp.architectures[" + i + "]: add " + archs.get(i) + ": "
                        + Native.libc().strerror(-rc));
            }
        }
    }

    /** Adds one syscalls[] entry; returns whether it notifies. */
    private boolean addSyscall(Pointer ctx, Spec.Seccomp s, Spec.Syscall call, String field) {
        int act = action(call.action(), call.errnoRet() == null ? EPERM : call.errnoRet());
        int defaultAct = action(s.defaultAction(), s.defaultErrnoRet() == null ? EPERM : s.defaultErrnoRet());
        if (act == defaultAct) {
            return false; // libseccomp refuses a rule that repeats the default, and it would change nothing
        }
        List<String> unknown = new ArrayList<>();
        for (String name : call.names()) {
            int nr = lib.seccomp_syscall_resolve_name(name);
            if (nr == -1) {
                unknown.add(name);
                continue;
            }
            for (List<Spec.SeccompArg> conds : conditionGroups(call.args())) {
                int rc = lib.seccomp_rule_add_array(ctx, act, nr, conds.size(), conditions(conds));
                if (rc < 0) {
                    throw new HuskException(field + ": libseccomp refused the rule for " + name + ": "
                            + Native.libc().strerror(-rc));
                }
            }
        }
        if (!unknown.isEmpty()) {
            warnings.accept(field + ": syscalls unknown to libseccomp skipped: " + String.join(", ", unknown));
        }
        return "SCMP_ACT_NOTIFY".equals(call.action());
    }

    /**
     * The comparisons of a rule, grouped into the rules libseccomp accepts. It takes one comparison per argument
     * in a rule (they are ANDed); several comparisons of the same argument become one rule each (ORed), which
     * is how profiles such as Docker's express "personality(0) or personality(8) or ...".
     */
    static List<List<Spec.SeccompArg>> conditionGroups(List<Spec.SeccompArg> args) {
        if (args == null || args.isEmpty()) {
            return List.of(List.of());
        }
        Set<Integer> seen = new HashSet<>();
        boolean repeated = args.stream().anyMatch(a -> !seen.add(a.index()));
        if (!repeated) {
            return List.of(args);
        }
        return args.stream().map(List::of).toList();
    }

    private Pointer conditions(List<Spec.SeccompArg> conds) {
        if (conds.isEmpty()) {
            return null;
        }
        Pointer p = Memory.allocateDirect(Runtime.getRuntime(lib), ARG_CMP_SIZE * conds.size());
        for (int i = 0; i < conds.size(); i++) {
            Spec.SeccompArg a = conds.get(i);
            long off = (long) i * ARG_CMP_SIZE;
            p.putInt(off, a.index());
            p.putInt(off + 4, SeccompNames.operator(a.op()));
            p.putLongLong(off + 8, a.value() == null ? 0 : a.value().longValue());
            p.putLongLong(off + 16, a.valueTwo() == null ? 0 : a.valueTwo().longValue());
        }
        return p;
    }

    private static int action(String name, int errno) {
        int base = SeccompNames.action(name);
        return SeccompNames.takesErrno(name) ? base | (errno & 0xffff) : base;
    }

    private static long flags(List<String> names, boolean notify) {
        long flags = 0;
        if (names != null) {
            for (String n : names) {
                flags |= SeccompNames.flag(n);
            }
        }
        if (notify) {
            // The kernel refuses TSYNC together with a listener; husk-init is single-threaded, so TSYNC has
            // nothing to synchronise anyway.
            flags = (flags & ~SeccompNames.FLAG_TSYNC) | SeccompNames.FLAG_NEW_LISTENER;
        }
        return flags;
    }

    /** libseccomp writes the program to an fd; a memfd read back through /proc/self/fd holds it. */
    private byte[] export(Pointer ctx) {
        LibC c = Native.libc();
        int fd = c.memfd_create("husk-seccomp", MFD_CLOEXEC);
        if (fd < 0) {
            throw new HuskException(Native.error("linux.seccomp: memfd_create"));
        }
        try {
            int rc = lib.seccomp_export_bpf(ctx, fd);
            if (rc < 0) {
                throw new HuskException("linux.seccomp: export the filter: " + c.strerror(-rc));
            }
            byte[] bpf = Files.readAllBytes(Path.of("/proc/self/fd/" + fd));
            if (bpf.length == 0 || bpf.length % SeccompProgram.INSTRUCTION != 0) {
                throw new HuskException("linux.seccomp: libseccomp exported " + bpf.length + " bytes of BPF");
            }
            return bpf;
        } catch (IOException e) {
            throw new HuskException("linux.seccomp: read the exported filter: " + e.getMessage(), e);
        } finally {
            c.close(fd);
        }
    }
}
