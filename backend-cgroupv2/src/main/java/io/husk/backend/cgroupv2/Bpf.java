package io.husk.backend.cgroupv2;

import io.husk.backend.cgroupfs.Fields;
import io.husk.spi.cgroup.CgroupException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.SaveError;

/** The two bpf(2) commands the device controller needs, through libc's syscall(). */
final class Bpf {
    private static final long SYS_BPF = 321; // x86-64
    private static final int BPF_PROG_LOAD = 5;
    private static final int BPF_PROG_ATTACH = 8;
    private static final int BPF_PROG_TYPE_CGROUP_DEVICE = 15;
    private static final int BPF_CGROUP_DEVICE = 6;
    private static final int ATTR_SIZE = 128;
    private static final int LOG_SIZE = 1 << 16;
    private static final int O_RDONLY_DIRECTORY_CLOEXEC = 0x10000 | 0x80000;

    public interface LibC {
        @SaveError
        long syscall(long number, long cmd, Pointer attr, long size);

        @SaveError
        int open(String path, int flags);

        int close(int fd);

        String strerror(int errno);
    }

    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    }

    private Bpf() {
    }

    /** Loads the program and attaches it to the cgroup, replacing the program husk attached before. */
    static void attachDeviceProgram(Path cgroup, byte[] program) throws CgroupException {
        int prog = load(program);
        try {
            int dirFd = Holder.LIBC.open(cgroup.toString(), O_RDONLY_DIRECTORY_CLOEXEC);
            if (dirFd < 0) {
                throw new CgroupException("cannot open cgroup " + cgroup + ": " + lastError());
            }
            try {
                attach(cgroup, dirFd, prog);
            } finally {
                Holder.LIBC.close(dirFd);
            }
        } finally {
            Holder.LIBC.close(prog); // the cgroup keeps its own reference to the program
        }
    }

    private static int load(byte[] program) throws CgroupException {
        Loaded first = load(program, false);
        if (first.fd() >= 0) {
            return first.fd();
        }
        String errno = lastError();
        // Load again with the verifier's log to say why.
        Loaded second = load(program, true);
        if (second.fd() >= 0) {
            return second.fd();
        }
        throw CgroupException.about(Fields.PREFIX + "devices", "the kernel refused the device program (" + errno
                + "): " + second.log());
    }

    private record Loaded(int fd, String log) {
    }

    private static Loaded load(byte[] program, boolean withLog) {
        Runtime runtime = Holder.RUNTIME;
        Pointer insns = Memory.allocateDirect(runtime, program.length, true);
        insns.put(0, program, 0, program.length);
        byte[] licenseText = "Apache-2.0\0".getBytes(StandardCharsets.US_ASCII);
        Pointer license = Memory.allocateDirect(runtime, licenseText.length, true);
        license.put(0, licenseText, 0, licenseText.length);
        Pointer log = Memory.allocateDirect(runtime, LOG_SIZE, true);
        Pointer attr = Memory.allocateDirect(runtime, ATTR_SIZE, true);
        attr.putInt(0, BPF_PROG_TYPE_CGROUP_DEVICE);
        attr.putInt(4, program.length / 8);
        attr.putLong(8, insns.address());
        attr.putLong(16, license.address());
        if (withLog) {
            attr.putInt(24, 1);
            attr.putInt(28, LOG_SIZE);
            attr.putLong(32, log.address());
        }
        int fd = (int) Holder.LIBC.syscall(SYS_BPF, BPF_PROG_LOAD, attr, ATTR_SIZE);
        return new Loaded(fd, withLog ? log.getString(0).strip().replace('\n', ' ') : "");
    }

    private static void attach(Path cgroup, int dirFd, int prog) throws CgroupException {
        Pointer attr = Memory.allocateDirect(Holder.RUNTIME, ATTR_SIZE, true);
        attr.putInt(0, dirFd);
        attr.putInt(4, prog);
        attr.putInt(8, BPF_CGROUP_DEVICE);
        attr.putInt(12, 0); // no flags: one program per cgroup, a new attach replaces the old one
        if (Holder.LIBC.syscall(SYS_BPF, BPF_PROG_ATTACH, attr, ATTR_SIZE) < 0) {
            throw new CgroupException("cannot attach the device program to " + cgroup + ": " + lastError());
        }
    }

    private static String lastError() {
        int errno = Holder.RUNTIME.getLastError();
        return Holder.LIBC.strerror(errno);
    }
}
