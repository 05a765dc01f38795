package io.husk.spi.cgroup;

/** A cgroup operation failed; the message names the file or the resource. */
public class CgroupException extends Exception {
    public CgroupException(String message) {
        super(message);
    }

    public CgroupException(String message, Throwable cause) {
        super(message, cause);
    }
}
