package io.husk.nativeinit;

import java.io.IOException;
import java.io.InputStream;

/**
 * husk-init, copied from the jar into a sealed memfd. The container can then not write to the helper through
 * /proc/self/exe or /proc/PID/exe (the CVE-2019-5736 class): the memfd is sealed against writes and growth.
 */
public final class HelperBinary {
    private static final int MFD_CLOEXEC = 1, MFD_ALLOW_SEALING = 2, MFD_EXEC = 0x10;
    private static final int F_ADD_SEALS = 1033;
    private static final int F_SEAL_SEAL = 1, F_SEAL_SHRINK = 2, F_SEAL_GROW = 4, F_SEAL_WRITE = 8;
    private static final String RESOURCE = "/io/husk/nativeinit/husk-init";

    private static int fd = -1;

    private HelperBinary() {
    }

    /** A path that executes the sealed helper: {@code /proc/self/fd/N} of this process. */
    public static synchronized String path() throws IOException {
        if (fd < 0) {
            fd = seal(load());
        }
        return "/proc/self/fd/" + fd;
    }

    private static byte[] load() throws IOException {
        try (InputStream in = HelperBinary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("husk-init is missing from the husk-native jar (" + RESOURCE + ")");
            }
            return in.readAllBytes();
        }
    }

    private static int seal(byte[] image) throws IOException {
        LibC c = Native.libc();
        int mfd = c.memfd_create("husk-init", MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_EXEC);
        if (mfd < 0) {
            // Kernels before 6.3 do not know MFD_EXEC; there every memfd is executable.
            mfd = c.memfd_create("husk-init", MFD_CLOEXEC | MFD_ALLOW_SEALING);
        }
        if (mfd < 0) {
            throw new IOException(Native.error("memfd_create for husk-init"));
        }
        long off = 0;
        while (off < image.length) {
            byte[] chunk = off == 0 ? image : java.util.Arrays.copyOfRange(image, (int) off, image.length);
            long n = c.write(mfd, chunk, chunk.length);
            if (n <= 0) {
                throw new IOException(Native.error("write husk-init into its memfd"));
            }
            off += n;
        }
        if (c.fcntl(mfd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE) < 0) {
            throw new IOException(Native.error("seal husk-init's memfd"));
        }
        return mfd;
    }
}
