package io.husk.backend.cgroupfs;

import io.husk.spi.cgroup.CgroupException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Creating, listing and removing cgroup directories. */
public final class Directories {
    /** rmdir of a cgroup whose last task is still exiting fails with EBUSY for a short while. */
    private static final int RMDIR_ATTEMPTS = 50;
    private static final long RMDIR_PAUSE_MILLIS = 20;

    private Directories() {
    }

    /** mkdir -p below {@code top}; returns the directories it made, parents first. */
    public static List<Path> create(Path top, Path dir) throws CgroupException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !p.equals(top) && !Files.isDirectory(p); p = p.getParent()) {
            missing.addFirst(p);
        }
        List<Path> made = new ArrayList<>();
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
                made.add(p);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // Someone else (another husk) made it in between: not ours to remove later.
            } catch (IOException e) {
                throw new CgroupException("cannot create cgroup " + p + ": " + CgroupFiles.reason(e), e);
            }
        }
        return made;
    }

    /** Removes exactly the given directories, deepest first; already-gone ones are fine. */
    public static void remove(List<Path> dirs) throws CgroupException {
        List<Path> ordered = new ArrayList<>(dirs);
        ordered.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path dir : ordered) {
            removeOne(dir);
        }
    }

    private static void removeOne(Path dir) throws CgroupException {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.delete(dir);
                return;
            } catch (NoSuchFileException e) {
                return;
            } catch (FileSystemException e) {
                // Asked only once rmdir refused: listing a cgroup stats its dozens of control files.
                if (busy(e) && hasChildCgroups(dir)) {
                    // A parent husk made (say /husk) that another container's cgroup now lives in: shared, keep it.
                    return;
                }
                if (attempt >= RMDIR_ATTEMPTS || !busy(e)) {
                    throw new CgroupException("cannot remove cgroup " + dir + ": " + CgroupFiles.reason(e), e);
                }
                pause();
            } catch (IOException e) {
                throw new CgroupException("cannot remove cgroup " + dir + ": " + CgroupFiles.reason(e), e);
            }
        }
    }

    private static boolean hasChildCgroups(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.anyMatch(Files::isDirectory);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean busy(FileSystemException e) {
        String reason = String.valueOf(e.getReason());
        return reason.contains("busy") || e instanceof java.nio.file.DirectoryNotEmptyException;
    }

    private static void pause() throws CgroupException {
        try {
            Thread.sleep(RMDIR_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CgroupException("interrupted while removing cgroups", e);
        }
    }

    /** Every pid in cgroup.procs of {@code dir} and of all cgroups below it. */
    public static List<Integer> pids(Path dir) throws CgroupException {
        TreeSet<Integer> pids = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path sub : tree.filter(Files::isDirectory).toList()) {
                readPids(sub, pids);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CgroupException("cannot list cgroups below " + dir + ": " + e.getMessage(), e);
        }
        return List.copyOf(pids);
    }

    private static void readPids(Path dir, TreeSet<Integer> into) throws CgroupException {
        if (!CgroupFiles.exists(dir, "cgroup.procs")) {
            return; // a sub-cgroup removed while we walked
        }
        for (String line : CgroupFiles.read(dir, "cgroup.procs").split("\n")) {
            if (!line.isBlank()) {
                into.add(Integer.parseInt(line.trim()));
            }
        }
    }
}
