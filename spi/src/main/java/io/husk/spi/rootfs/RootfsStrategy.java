package io.husk.spi.rootfs;

/**
 * How a container's root filesystem is assembled. A strategy only describes the mounts and prepares host-side
 * directories; the mounting happens inside the container's mount namespace, done by husk's init helper, so
 * nothing stays mounted on the host.
 */
public interface RootfsStrategy {

    /** The name users select it by (annotation {@code io.husk.rootfs} or {@code --rootfs}). */
    String name();

    /**
     * The mounts that build the root, without side effects (a dry run calls only this). Throws when the
     * request cannot work, naming the setting.
     */
    RootfsLayout layout(RootfsRequest request) throws RootfsException;

    /** Makes the host directories {@link #layout} relies on. Must not mount anything. */
    void prepare(RootfsRequest request) throws RootfsException;

    /** Removes what {@link #prepare} made on the host, at delete or after a failed create. Idempotent. */
    void cleanup(RootfsRequest request) throws RootfsException;
}
