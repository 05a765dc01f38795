package io.husk.spi;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * An I/O failure in the kernel's words. Java's file exceptions often carry the path alone ("/x/config.json"),
 * the reason being only their class; a user must read "No such file or directory", as runc prints it. In the spi so
 * that husk and every backend, a vendor's included, phrase file errors alike.
 */
public final class IoErrors {
    private IoErrors() {
    }

    /** The reason alone, for a message that already names the file. */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            if (f.getReason() != null) {
                return f.getReason();
            }
            return switch (f) {
                case NoSuchFileException x -> "No such file or directory";
                case AccessDeniedException x -> "Permission denied";
                case FileAlreadyExistsException x -> "File exists";
                case NotDirectoryException x -> "Not a directory";
                case DirectoryNotEmptyException x -> "Directory not empty";
                default -> f.getClass().getSimpleName();
            };
        }
        String m = e.getMessage();
        if (e instanceof java.io.FileNotFoundException && m != null && m.endsWith(")") && m.contains(" (")) {
            return m.substring(m.lastIndexOf(" (") + 2, m.length() - 1); // "path (reason)", from FileOutputStream
        }
        return m != null ? m : e.getClass().getSimpleName();
    }

    /** "path: reason" (with the other path of a two-path operation), for a message that names no file. */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile() + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "") + ": " + reason(e);
        }
        return reason(e);
    }
}
