package io.husk.backend.cgroupfs;

import io.husk.spi.IoErrors;
import io.husk.spi.cgroup.CgroupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/** Creating, listing and removing cgroup directories. */
public final class Directories {
    /** rmdir of a cgroup whose last task is still exiting fails with EBUSY for a short while. */
    private static final int RMDIR_ATTEMPTS = 50;
    private static final long RMDIR_PAUSE_MILLIS = 20;

    private Directories() {
    }

    /**
     * mkdir -p below {@code top}; returns the directories it made, parents first. A parent removed meanwhile (the
     * last container in it was deleted) is made again.
     */
    public static List<Path> create(Path top, Path dir) throws CgroupException {
        for (int attempt = 1; ; attempt++) {
            try {
                return createOnce(top, dir);
            } catch (CgroupException e) {
                if (attempt == 5 || !(e.getCause() instanceof NoSuchFileException)) {
                    throw e;
                }
            }
        }
    }

    private static List<Path> createOnce(Path top, Path dir) throws CgroupException {
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
                throw new CgroupException("cannot create cgroup " + p + ": " + IoErrors.reason(e), e);
            }
        }
        return made;
    }

    /**
     * Removes the given directories, deepest first; already-gone ones are fine. Below the deepest ones (the
     * container's own cgroups) it first removes the sub-cgroups the container made itself, as runc does; the
     * parents husk made are kept while another container's cgroup lives in them. A busy cgroup is tried again
     * for a while (killed processes take a moment to leave it), unless {@code waitWhileBusy} is false.
     */
    public static void remove(List<Path> dirs, boolean waitWhileBusy) throws CgroupException {
        List<Path> ordered = new ArrayList<>(dirs);
        ordered.sort(new DeepestFirst());
        int attempts = waitWhileBusy ? RMDIR_ATTEMPTS : 1;
        for (Path dir : ordered) {
            if (isLeaf(dir, dirs)) {
                removeBelow(dir, attempts);
            }
            removeOne(dir, attempts);
        }
    }

    private static boolean isLeaf(Path dir, List<Path> dirs) {
        for (Path other : dirs) {
            if (!other.equals(dir) && other.startsWith(dir)) {
                return false;
            }
        }
        return true;
    }

    /** Removes the sub-cgroups below {@code dir}, depth first; none when it is gone. */
    private static void removeBelow(Path dir, int attempts) throws CgroupException {
        List<Path> subs;
        try {
            subs = subCgroups(dir);
        } catch (IOException e) {
            throw new CgroupException("cannot list cgroup " + dir + ": " + IoErrors.reason(e), e);
        }
        for (Path sub : subs) {
            removeBelow(sub, attempts);
            removeOne(sub, attempts);
        }
    }

    /**
     * The cgroups directly below {@code dir}; none when it is gone. cgroupfs (kernfs) counts a directory's links
     * as 2 plus its subdirectories, so one stat spares the listing, which stats every control file: dozens per
     * cgroup and hierarchy, paid interpreted by delete and kill --all.
     */
    private static List<Path> subCgroups(Path dir) throws IOException {
        List<Path> subs = new ArrayList<>();
        try {
            if (Files.getAttribute(dir, "unix:nlink", LinkOption.NOFOLLOW_LINKS) instanceof Integer n && n == 2) {
                return subs;
            }
            try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
                for (Path child : children) {
                    if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                        subs.add(child);
                    }
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return subs;
        }
        return subs;
    }

    /**
     * A class, not {@code comparingInt(...).reversed()}: {@code delete} runs interpreted from an AOT cache, and a
     * lambda built from the JDK's comparator combinators is spun into a class at run time, milliseconds there.
     */
    private static final class DeepestFirst implements Comparator<Path> {
        @Override
        public int compare(Path a, Path b) {
            return Integer.compare(b.getNameCount(), a.getNameCount());
        }
    }

    private static void removeOne(Path dir, int attempts) throws CgroupException {
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
                if (attempt >= attempts || !busy(e)) {
                    throw new CgroupException("cannot remove cgroup " + dir + ": " + IoErrors.reason(e), e);
                }
                pause();
            } catch (IOException e) {
                throw new CgroupException("cannot remove cgroup " + dir + ": " + IoErrors.reason(e), e);
            }
        }
    }

    private static boolean hasChildCgroups(Path dir) {
        try {
            return !subCgroups(dir).isEmpty();
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

    /** Every pid in cgroup.procs of {@code dir} and of all cgroups below it; none when {@code dir} is gone. */
    public static List<Integer> pids(Path dir) throws CgroupException {
        TreeSet<Integer> pids = new TreeSet<>();
        try {
            collectPids(dir, pids);
        } catch (IOException e) {
            throw new CgroupException("cannot list cgroups below " + dir + ": " + e.getMessage(), e);
        }
        return List.copyOf(pids);
    }

    /**
     * A plain recursive walk, not Files.walk and a stream: kill and delete run interpreted (bin/husk), where a
     * stream pipeline per cgroup hierarchy costs more than reading the files. A cgroup removed while we walk
     * simply has no pids.
     */
    private static void collectPids(Path dir, TreeSet<Integer> into) throws IOException {
        try {
            for (String line : Files.readString(dir.resolve("cgroup.procs"), StandardCharsets.UTF_8).split("\n")) {
                String pid = line.trim();
                if (!pid.isEmpty()) {
                    into.add(Integer.parseInt(pid));
                }
            }
        } catch (NoSuchFileException e) {
            return;
        }
        for (Path sub : subCgroups(dir)) {
            collectPids(sub, into);
        }
    }
}
