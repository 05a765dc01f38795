package io.husk.nativeinit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.byref.IntByReference;

/**
 * A running husk-init: its pid, the control socket to it and the log pipe from it.
 *
 * <p>The helper is started with posix_spawn from the calling thread, which must be the thread that lives
 * until husk exits: the container's init is cloned with CLONE_PARENT and its parent-death signal follows the
 * spawning thread.
 */
public final class HelperProcess implements AutoCloseable {
    private static final int AF_UNIX = 1, SOCK_STREAM = 1, SOCK_CLOEXEC = 0x80000, O_CLOEXEC = 0x80000;
    private static final int WNOHANG = 1;
    private static final int F_GETFD = 1, F_DUPFD_CLOEXEC = 1030, HIGH_FD = 200;

    private final int pid;
    private final int ctl;
    private final int log;
    private Thread logPump;

    private HelperProcess(int pid, int ctl, int log) {
        this.pid = pid;
        this.ctl = ctl;
        this.log = log;
    }

    /**
     * Starts {@code husk-init init}. The caller's fds 0..2 and the {@code preserveFds} after them pass through;
     * the control socket and log pipe land right after those, and the {@code extraFds} (such as a console
     * socket) after the log pipe, at {@link #extraFd}.
     */
    public static HelperProcess spawn(int preserveFds, int logLevel, int... extraFds) throws IOException {
        LibC c = Native.libc();
        int[] sv = new int[2];
        int[] pipe = new int[2];
        if (c.socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
            throw new IOException(Native.error("socketpair"));
        }
        if (c.pipe2(pipe, O_CLOEXEC) < 0) {
            throw new IOException(Native.error("pipe"));
        }
        int ctlTarget = 3 + preserveFds, logTarget = ctlTarget + 1;
        // Move the child's ends out of the way so no dup2 below can overwrite a source before it is used.
        int ctlHigh = c.fcntl(sv[1], F_DUPFD_CLOEXEC, HIGH_FD + preserveFds);
        int logHigh = c.fcntl(pipe[1], F_DUPFD_CLOEXEC, HIGH_FD + preserveFds);
        c.close(sv[1]);
        c.close(pipe[1]);
        Runtime rt = Runtime.getRuntime(c);
        Pointer actions = Memory.allocateDirect(rt, 256);
        c.posix_spawn_file_actions_init(actions);
        for (int fd : notPassed(preserveFds, c)) {
            c.posix_spawn_file_actions_addclose(actions, fd);
        }
        c.posix_spawn_file_actions_adddup2(actions, ctlHigh, ctlTarget);
        c.posix_spawn_file_actions_adddup2(actions, logHigh, logTarget);
        int[] extraHigh = new int[extraFds.length];
        for (int i = 0; i < extraFds.length; i++) {
            extraHigh[i] = c.fcntl(extraFds[i], F_DUPFD_CLOEXEC, HIGH_FD + preserveFds + 2 + i);
            c.posix_spawn_file_actions_adddup2(actions, extraHigh[i], extraFd(preserveFds, i));
        }
        IntByReference pid = new IntByReference();
        String path = HelperBinary.path();
        String[] argv = {"husk-init", "init", Integer.toString(ctlTarget), Integer.toString(logTarget),
                         Integer.toString(logLevel), Integer.toString(preserveFds),
                         Integer.toString(extraFds.length)};
        int rc = c.posix_spawn(pid, path, actions, null, argv, new String[] {"PATH=/usr/sbin:/usr/bin:/sbin:/bin"});
        c.posix_spawn_file_actions_destroy(actions);
        c.close(ctlHigh);
        c.close(logHigh);
        for (int fd : extraHigh) {
            c.close(fd);
        }
        if (rc != 0) {
            c.close(sv[0]);
            c.close(pipe[0]);
            throw new IOException("start husk-init: " + c.strerror(rc));
        }
        return new HelperProcess(pid.getValue(), sv[0], pipe[0]);
    }

    /**
     * The fds of the preserved range the caller did not pass but this JVM has open (its jars, its class image,
     * opened without close-on-exec wherever a number was free): closed in the helper, so the container gets only
     * what was passed. bin/husk's launcher lists the caller's fds in HUSK_CALLER_FDS; without it, all pass.
     */
    private static java.util.List<Integer> notPassed(int preserveFds, LibC c) {
        String caller = System.getenv("HUSK_CALLER_FDS");
        java.util.List<Integer> out = new java.util.ArrayList<>();
        if (caller == null || preserveFds == 0) {
            return out;
        }
        java.util.Set<String> passed = java.util.Set.of(caller.isEmpty() ? new String[0] : caller.split(","));
        for (int fd = 3; fd < 3 + preserveFds; fd++) {
            if (!passed.contains(Integer.toString(fd)) && c.fcntl(fd, F_GETFD, 0) >= 0) {
                out.add(fd);
            }
        }
        return out;
    }

    /** Where the helper finds the i-th of the extra fds given to {@link #spawn}. */
    public static int extraFd(int preserveFds, int i) {
        return 5 + preserveFds + i;
    }

    public int pid() {
        return pid;
    }

    /** Re-emits every log line of the helper ("level text") through the given sink, on a daemon thread. */
    public void pumpLogs(Consumer<String> sink) {
        logPump = Thread.ofPlatform().daemon().name("husk-init-log").start(() -> {
            byte[] buf = new byte[4096];
            StringBuilder line = new StringBuilder();
            long n;
            while ((n = Native.libc().read(log, buf, buf.length)) > 0) {
                line.append(new String(buf, 0, (int) n, StandardCharsets.UTF_8));
                int nl;
                while ((nl = line.indexOf("\n")) >= 0) {
                    sink.accept(line.substring(0, nl));
                    line.delete(0, nl + 1);
                }
            }
        });
    }

    public void send(List<Record> records) throws IOException {
        byte[] frame = Record.frame(records);
        int off = 0;
        while (off < frame.length) {
            byte[] chunk = off == 0 ? frame : java.util.Arrays.copyOfRange(frame, off, frame.length);
            long n = Native.libc().write(ctl, chunk, chunk.length);
            if (n <= 0) {
                throw new IOException(Native.error("send to husk-init"));
            }
            off += (int) n;
        }
    }

    public void sendPlan(Plan plan) throws IOException {
        byte[] frame = plan.encode();
        send(Record.parseAll(java.util.Arrays.copyOfRange(frame, 4, frame.length)));
    }

    /** The next record from the helper, or null when every helper process has closed the socket. */
    public Record receive() throws IOException {
        byte[] len = readFully(4);
        if (len == null) {
            return null;
        }
        int n = Record.le(4).put(len).flip().getInt();
        byte[] body = readFully(n);
        if (body == null) {
            return null;
        }
        return Record.parseAll(body).getFirst();
    }

    private byte[] readFully(int n) throws IOException {
        byte[] out = new byte[n];
        int off = 0;
        byte[] buf = new byte[Math.min(Math.max(n, 1), 65536)];
        while (off < n) {
            long r = Native.libc().read(ctl, buf, Math.min(buf.length, n - off));
            if (r == 0) {
                return null;
            }
            if (r < 0) {
                if (Native.errno() == 4) {
                    continue;
                }
                throw new IOException(Native.error("read from husk-init"));
            }
            System.arraycopy(buf, 0, out, off, (int) r);
            off += (int) r;
        }
        return out;
    }

    /** Waits for the helper's first process to exit; returns its exit status, or 128+signal. */
    public int waitFor() {
        IntByReference status = new IntByReference();
        int r;
        do {
            r = Native.libc().waitpid(pid, status, 0);
        } while (r < 0 && Native.errno() == 4);
        if (r < 0) {
            return -1;
        }
        return decode(status.getValue());
    }

    /**
     * Reaps an ended child that is not the helper (the init, husk's child by CLONE_PARENT): its exit status, or
     * 128+signal, or -1 when it has not ended within the wait or is not ours to reap.
     */
    public static int reap(int pid, long waitMillis) {
        IntByReference status = new IntByReference();
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        while (true) {
            int r = Native.libc().waitpid(pid, status, WNOHANG);
            if (r == pid) {
                return decode(status.getValue());
            }
            if ((r < 0 && Native.errno() != 4) || System.nanoTime() > deadline) {
                return -1;
            }
            try {
                Thread.sleep(1); // a socket's EOF comes a moment before its closer becomes a zombie
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }

    private static int decode(int s) {
        return (s & 0x7f) == 0 ? (s >> 8) & 0xff : 128 + (s & 0x7f);
    }

    @Override
    public void close() {
        Native.libc().close(ctl);
        Native.libc().close(log);
        if (logPump != null) {
            try {
                logPump.join(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
