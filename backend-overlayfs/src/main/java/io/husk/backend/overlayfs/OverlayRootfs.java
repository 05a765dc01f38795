package io.husk.backend.overlayfs;

import com.google.auto.service.AutoService;
import io.husk.spi.rootfs.MountRequest;
import io.husk.spi.rootfs.RootfsException;
import io.husk.spi.rootfs.RootfsLayout;
import io.husk.spi.rootfs.RootfsRequest;
import io.husk.spi.rootfs.RootfsStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Copy-on-write containers: the lower layers stay untouched and every write lands in an upper directory. The
 * overlay is mounted by the init helper inside the container's mount namespace, so it disappears with the
 * container; only the upper and work directories live on the host, and {@link #cleanup} removes them unless
 * {@value OverlayLayers#KEEP} asks to keep them.
 */
@AutoService(RootfsStrategy.class)
public final class OverlayRootfs implements RootfsStrategy {

    @Override
    public String name() {
        return "overlayfs";
    }

    @Override
    public RootfsLayout layout(RootfsRequest request) throws RootfsException {
        OverlayLayers l = OverlayLayers.of(request);
        for (Path lower : l.lowers()) {
            if (!Files.isDirectory(lower)) {
                throw new RootfsException(l.lowersField() + ": " + lower + " is not a directory");
            }
        }
        return new RootfsLayout(l.merged(), List.of(
                new MountRequest("overlay", l.merged().toString(), "overlay", 0, l.mountData())));
    }

    @Override
    public void prepare(RootfsRequest request) throws RootfsException {
        OverlayLayers l = OverlayLayers.of(request);
        for (Path dir : List.of(l.upper(), l.work(), l.merged())) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new RootfsException("overlayfs: cannot create " + dir + ": " + e.getMessage());
            }
        }
    }

    @Override
    public void cleanup(RootfsRequest request) throws RootfsException {
        OverlayLayers l;
        try {
            l = OverlayLayers.of(request);
        } catch (RootfsException e) {
            return; // prepare refused the same settings, so it made nothing
        }
        // merged is only ever a mount point inside the container's namespace; on the host it is an empty dir.
        Tree.delete(l.merged());
        Tree.delete(l.work());
        if (!l.keep()) {
            Tree.delete(l.upper());
        }
        if (l.base().startsWith(request.stateDir())) {
            Tree.deleteIfEmpty(l.base()); // a directory the user named stays
        }
    }
}
