package io.husk.spi.rootfs;

/**
 * One mount(2) call on host paths, executed inside the container's mount namespace.
 *
 * @param flags the {@code MS_*} bits of mount(2)
 */
public record MountRequest(String source, String target, String fstype, long flags, String data) {

    /** mount(2) flag bits a strategy commonly needs. */
    public static final long MS_RDONLY = 1, MS_BIND = 4096, MS_REC = 16384;
}
