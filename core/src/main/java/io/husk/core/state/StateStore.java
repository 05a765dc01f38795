package io.husk.core.state;

import io.husk.core.HuskException;
import io.husk.spi.IoErrors;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * One directory per container under the root ({@code --root}, default /run/husk). the state file is replaced
 * atomically (write, fsync, rename), and commands that change a container hold an exclusive lock on its
 * {@code lock} file, so concurrent commands never see or write a torn state.
 */
public final class StateStore {
    /** Long enough for any orchestrator's ids (containerd uses 64 hex digits), short enough for a file name. */
    private static final int MAX_ID = 255;
    public static final String STATE = "state";
    public static final String CONFIG = "config.json";

    private final Path root;

    public StateStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Refuses ids that could escape the root or confuse tools, before anything touches the disk. */
    public static String validateId(String id) {
        if (id == null || id.isEmpty()) {
            throw new HuskException("container id: must not be empty");
        }
        if (id.length() > MAX_ID) {
            throw new HuskException("container id: " + id.length() + " characters, at most " + MAX_ID + " allowed");
        }
        if (id.equals(".") || id.equals("..")) {
            throw new HuskException("container id \"" + id + "\": reserved, it names a directory");
        }
        if (id.startsWith("-")) {
            throw new HuskException("container id \"" + id + "\": must not start with '-' (it reads as a flag)");
        }
        if (!allowedId(id)) {
            throw new HuskException("container id \"" + id + "\": only letters, digits and _ + - . are allowed");
        }
        return id;
    }

    /** Letters, digits and _ + - . only (checked without a regex: its engine's start-up shows in every command). */
    private static boolean allowedId(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "_+.-".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public Path dir(String id) {
        return root.resolve(validateId(id));
    }

    /** A root that is a file, or below one, can never hold containers: said, not listed as empty. */
    private void refuseRootFile() {
        for (Path p = root; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new HuskException("--root " + root + ": " + (p.equals(root) ? "" : p + " is ")
                            + "not a directory");
                }
                return;
            }
        }
    }

    /** Claims the id: mkdir is atomic, so two creates of one id cannot both succeed. */
    public Path createDir(String id) {
        Path d = dir(id);
        refuseRootFile();
        try {
            Files.createDirectories(root, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx--x--x")));
            Files.createDirectory(d, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx--x--x")));
            return d;
        } catch (FileAlreadyExistsException e) {
            throw new HuskException("container \"" + id + "\" already exists");
        } catch (IOException e) {
            throw new HuskException("cannot create the state directory " + d + ": " + IoErrors.describe(e));
        }
    }

    public boolean exists(String id) {
        return Files.isDirectory(dir(id));
    }

    public void write(ContainerState s) {
        Path d = dir(s.id());
        Path tmp = d.resolve(STATE + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(StateCodec.write(s)));
                ch.force(true);
            }
            try {
                Files.move(tmp, d.resolve(STATE), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, d.resolve(STATE), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new HuskException("cannot write the state of container \"" + s.id() + "\": " + IoErrors.describe(e));
        }
    }

    /** The container's recorded state, or a "does not exist" error. Null when the directory has no state yet. */
    public ContainerState read(String id) {
        Path d = dir(id);
        try {
            return StateCodec.read(Files.readAllBytes(d.resolve(STATE)));
        } catch (NoSuchFileException e) {
            if (Files.isDirectory(d)) {
                return null;
            }
            throw new HuskException("container \"" + id + "\" does not exist");
        } catch (IOException e) {
            throw new HuskException("cannot read the state of container \"" + id + "\": " + IoErrors.describe(e));
        }
    }

    /** Takes the container's exclusive lock; fails with "does not exist" when the container went away. */
    public Lock lock(String id) {
        Path d = dir(id);
        if (!Files.isDirectory(d)) {
            throw new HuskException("container \"" + id + "\" does not exist");
        }
        try {
            FileChannel ch = FileChannel.open(d.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l = ch.lock();
            if (!Files.isDirectory(d)) {
                ch.close();
                throw new HuskException("container \"" + id + "\" does not exist");
            }
            return new Lock(ch, l);
        } catch (NoSuchFileException e) {
            throw new HuskException("container \"" + id + "\" does not exist");
        } catch (IOException e) {
            throw new HuskException("cannot lock container \"" + id + "\": " + IoErrors.describe(e));
        }
    }

    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            refuseRootFile();
            return ids; // no container was ever made here
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path p : ds) {
                ids.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            throw new HuskException("cannot list " + root + ": " + IoErrors.reason(e));
        }
        ids.sort(null);
        return ids;
    }

    /** Removes the container's directory and everything in it. */
    public void remove(String id) {
        Path d = dir(id);
        for (int attempt = 1; ; attempt++) {
            try {
                removeTree(d);
                return;
            } catch (NoSuchFileException e) {
                return; // already gone
            } catch (DirectoryNotEmptyException e) {
                // Another command opened the lock file (creating it again) between our unlink and rmdir; once it
                // holds the lock it sees the directory gone and fails "does not exist". Remove again.
                if (attempt == 5) {
                    throw new HuskException("cannot remove " + d + ": something keeps creating files in it");
                }
            } catch (IOException e) {
                throw new HuskException("cannot remove " + d + ": " + IoErrors.describe(e));
            }
        }
    }

    /** Depth first, never following a symlink; a plain walk, as delete runs interpreted (bin/husk). */
    private static void removeTree(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(p)) {
                for (Path child : children) {
                    removeTree(child);
                }
            }
        }
        Files.deleteIfExists(p);
    }

    /** An exclusive lock on one container, released on close. */
    public record Lock(FileChannel channel, FileLock lock) implements AutoCloseable {
        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // closing releases the lock; nothing else to do
            }
        }
    }
}
