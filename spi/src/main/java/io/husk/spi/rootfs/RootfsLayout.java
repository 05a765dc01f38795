package io.husk.spi.rootfs;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of a strategy: mounts made in the container's mount namespace, in order, after which
 * {@code root} is a mount point holding the container's root filesystem.
 */
public record RootfsLayout(Path root, List<MountRequest> mounts) {
}
