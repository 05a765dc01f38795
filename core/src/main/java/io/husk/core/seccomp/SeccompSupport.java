package io.husk.core.seccomp;

import io.husk.nativeinit.Native;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jnr.ffi.Pointer;

/**
 * What this host lets husk do with seccomp, for the features document: libseccomp compiles the profiles (without
 * it every {@code linux.seccomp} is refused at create), and the kernel takes the filter flags, which husk-init
 * hands to seccomp(2) as they are.
 */
public final class SeccompSupport {
    private static final long SECCOMP_SET_MODE_FILTER = 1, FLAG_WAIT_KILLABLE_RECV = 32;
    private static final int EFAULT = 14;
    /** {@code __NR_seccomp} by {@code os.arch}; on another architecture the kernel is not asked. */
    private static final Map<String, Long> SECCOMP_SYSCALL = Map.of("amd64", 317L, "aarch64", 277L,
            "riscv64", 277L);

    /** Null when libseccomp.so.2 does not load. */
    private final LibSeccomp lib;

    private SeccompSupport(LibSeccomp lib) {
        this.lib = lib;
    }

    public static SeccompSupport probe() {
        try {
            return new SeccompSupport(LibSeccomp.Holder.get());
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return new SeccompSupport(null);
        }
    }

    /** Whether a profile can be compiled here at all. */
    public boolean available() {
        return lib != null;
    }

    /** The architectures of config-linux.md this libseccomp knows (all of them are passed on to it). */
    public List<String> architectures() {
        List<String> known = new ArrayList<>();
        for (String a : SeccompNames.architectures()) {
            if (lib != null && lib.seccomp_arch_resolve_name(SeccompNames.arch(a)) != 0) {
                known.add(a);
            }
        }
        return known;
    }

    /** libseccomp's version as "major.minor.micro", or null without libseccomp. */
    public String libraryVersion() {
        Pointer v = lib == null ? null : lib.seccomp_version();
        return v == null ? null : v.getInt(0) + "." + v.getInt(4) + "." + v.getInt(8);
    }

    /**
     * The flags this kernel accepts, or null when it cannot be asked. seccomp(2) checks the flags before it reads
     * the program, so a null program fails with EFAULT for flags it takes and EINVAL for one it does not, and
     * nothing is installed. WAIT_KILLABLE_RECV is only valid beside NEW_LISTENER, which husk adds when a rule
     * notifies, so it is asked that way.
     */
    public static List<String> supportedFlags() {
        Long nr = seccompSyscall();
        if (nr == null) {
            return null;
        }
        List<String> supported = new ArrayList<>();
        for (String name : SeccompNames.flags()) {
            long flag = SeccompNames.flag(name);
            if (accepts(nr, flag == FLAG_WAIT_KILLABLE_RECV ? flag | SeccompNames.FLAG_NEW_LISTENER : flag)) {
                supported.add(name);
            }
        }
        return supported;
    }

    static boolean accepts(long seccompSyscall, long flags) {
        return Native.libc().syscall(seccompSyscall, SECCOMP_SET_MODE_FILTER, flags, 0) < 0
                && Native.errno() == EFAULT;
    }

    /** {@code __NR_seccomp} of this JVM's architecture, or null when husk does not know it. */
    static Long seccompSyscall() {
        return SECCOMP_SYSCALL.get(System.getProperty("os.arch"));
    }
}
