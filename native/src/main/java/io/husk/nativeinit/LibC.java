package io.husk.nativeinit;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.Out;
import jnr.ffi.byref.IntByReference;

/** The libc calls husk makes from Java; everything else that touches namespaces happens in husk-init. */
public interface LibC {
    int memfd_create(String name, int flags);

    long write(int fd, byte[] buf, long count);

    long read(int fd, @Out byte[] buf, long count);

    int close(int fd);

    int fcntl(int fd, int cmd, int arg);

    int socketpair(int domain, int type, int protocol, @Out int[] sv);

    int pipe2(@Out int[] fds, int flags);

    int posix_spawn(IntByReference pid, String path, Pointer fileActions, Pointer attr, String[] argv,
                    String[] envp);

    int posix_spawn_file_actions_init(Pointer fileActions);

    int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newfd);

    int posix_spawn_file_actions_addclose(Pointer fileActions, int fd);

    int posix_spawn_file_actions_destroy(Pointer fileActions);

    int waitpid(int pid, IntByReference status, int options);

    int kill(int pid, int sig);

    int mkfifo(String path, int mode);

    int umount2(String target, int flags);

    int execve(String path, String[] argv, String[] envp);

    String strerror(int errnum);

    /** syscall(2) with three integer arguments, for calls glibc has no wrapper for (seccomp). */
    long syscall(long number, long a, long b, long c);
}
