package io.husk.backend.overlayfs;

import io.husk.spi.rootfs.RootfsException;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Removal of host directory trees that the container wrote, never following a symlink it planted. */
final class Tree {
    private Tree() {
    }

    static void delete(Path dir) throws RootfsException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) { // walk does not follow links by default
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new RootfsException("overlayfs: cannot remove " + dir + ": " + e.getMessage());
        }
    }

    static void deleteIfEmpty(Path dir) throws RootfsException {
        try {
            Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
            // a user-named directory holding other files of theirs stays
        } catch (IOException e) {
            throw new RootfsException("overlayfs: cannot remove " + dir + ": " + e.getMessage());
        }
    }
}
