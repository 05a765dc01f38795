package io.husk.core.seccomp;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;

/**
 * The part of libseccomp ({@code libseccomp.so.2}, Debian's libseccomp2) husk needs to turn an OCI profile into
 * a BPF program. Only compilation happens in the JVM; the program is loaded by husk-init.
 */
public interface LibSeccomp {
    /** {@code scmp_filter_ctx seccomp_init(uint32_t def_action)}; null on failure. */
    Pointer seccomp_init(int defAction);

    void seccomp_release(Pointer ctx);

    int seccomp_arch_add(Pointer ctx, int arch);

    /** The token of an architecture name such as "x86_64", 0 when libseccomp does not know it. */
    int seccomp_arch_resolve_name(String name);

    /** The native syscall number, or -1 ({@code __NR_SCMP_ERROR}) when libseccomp does not know the name. */
    int seccomp_syscall_resolve_name(String name);

    int seccomp_rule_add_array(Pointer ctx, int action, int syscall, int argCount, Pointer args);

    int seccomp_attr_set(Pointer ctx, int attr, int value);

    int seccomp_export_bpf(Pointer ctx, int fd);

    /** {@code const struct scmp_version *seccomp_version(void)}: three unsigned ints, major, minor, micro. */
    Pointer seccomp_version();

    /** Loads the library once; an absent libseccomp is reported by {@link Holder#get()}. */
    final class Holder {
        private static volatile LibSeccomp lib;

        private Holder() {
        }

        static LibSeccomp get() {
            LibSeccomp l = lib;
            if (l == null) {
                synchronized (Holder.class) {
                    l = lib;
                    if (l == null) {
                        l = LibraryLoader.create(LibSeccomp.class).failImmediately()
                                .search("/usr/lib/x86_64-linux-gnu").search("/usr/lib64").search("/usr/lib")
                                .load("seccomp");
                        lib = l;
                    }
                }
            }
            return l;
        }
    }
}
