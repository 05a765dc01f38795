package io.husk.nativeinit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import jnr.ffi.LibraryLoader;

/**
 * The sockets a container's terminal master travels on: the caller's {@code --console-socket} (connected
 * here, since the JDK's unix channels cannot pass their fd on or carry SCM_RIGHTS), or a socket pair whose
 * other end husk-init's foreground supervisor reads.
 */
public final class ConsoleSockets {
    private static final int AF_UNIX = 1, SOCK_STREAM = 1, SOCK_CLOEXEC = 0x80000, F_SETFD = 2;
    private static final int SUN_PATH_MAX = 108;

    /** socket(2) and connect(2), which the shared binding does not carry. */
    public interface Calls {
        int socket(int domain, int type, int protocol);

        int connect(int fd, byte[] addr, int len);
    }

    private static volatile Calls calls;

    private ConsoleSockets() {
    }

    /** A close-on-exec fd connected to the unix socket at path. */
    public static int connect(String path) throws IOException {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        if (name.length >= SUN_PATH_MAX) {
            throw new IOException("--console-socket " + path + ": the path is longer than "
                    + (SUN_PATH_MAX - 1) + " bytes");
        }
        byte[] addr = new byte[2 + SUN_PATH_MAX];
        addr[0] = AF_UNIX; // sa_family_t, little-endian
        System.arraycopy(name, 0, addr, 2, name.length);
        int fd = calls().socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException(Native.error("--console-socket: socket"));
        }
        if (calls().connect(fd, addr, 2 + name.length + 1) < 0) {
            IOException e = new IOException(Native.error("--console-socket: connect to " + path));
            Native.libc().close(fd);
            throw e;
        }
        return fd;
    }

    /** Two connected close-on-exec fds. */
    public static int[] pair() throws IOException {
        int[] sv = new int[2];
        if (Native.libc().socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
            throw new IOException(Native.error("socketpair for the terminal"));
        }
        return sv;
    }

    /** Lets fd survive an execve (the supervisor's end of the pair). */
    public static void inheritable(int fd) throws IOException {
        if (Native.libc().fcntl(fd, F_SETFD, 0) < 0) {
            throw new IOException(Native.error("keep the terminal socket open across exec"));
        }
    }

    public static void close(int fd) {
        if (fd >= 0) {
            Native.libc().close(fd);
        }
    }

    private static Calls calls() {
        Calls c = calls;
        if (c == null) {
            synchronized (ConsoleSockets.class) {
                c = calls;
                if (c == null) {
                    c = LibraryLoader.create(Calls.class).failImmediately().load("c");
                    calls = c;
                }
            }
        }
        return c;
    }
}
