package io.husk.backend.bind;

import com.google.auto.service.AutoService;
import io.husk.spi.rootfs.MountRequest;
import io.husk.spi.rootfs.RootfsException;
import io.husk.spi.rootfs.RootfsLayout;
import io.husk.spi.rootfs.RootfsRequest;
import io.husk.spi.rootfs.RootfsStrategy;
import java.nio.file.Files;
import java.util.List;

/**
 * The OCI standard: the bundle's {@code root.path} becomes the container's {@code /}. It is bind-mounted onto
 * itself inside the container's mount namespace so that it is a mount point pivot_root accepts.
 */
@AutoService(RootfsStrategy.class)
public final class BindRootfs implements RootfsStrategy {

    @Override
    public String name() {
        return "bind";
    }

    @Override
    public RootfsLayout layout(RootfsRequest request) throws RootfsException {
        String root = request.rootPath().toString();
        if (!Files.isDirectory(request.rootPath())) {
            throw new RootfsException("root.path: " + root + " is not a directory");
        }
        return new RootfsLayout(request.rootPath(), List.of(
                new MountRequest(root, root, null, MountRequest.MS_BIND | MountRequest.MS_REC, null)));
    }

    @Override
    public void prepare(RootfsRequest request) {
        // Nothing to make on the host: the rootfs is used in place.
    }

    @Override
    public void cleanup(RootfsRequest request) {
        // The bind mount lived in the container's mount namespace and went away with it.
    }
}
