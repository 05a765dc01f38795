package io.husk.core;

/**
 * A failure reported to the user as one line, without a stack trace. The message names the field, path or
 * container concerned; {@link #exitCode()} is the process's exit status.
 */
public class HuskException extends RuntimeException {
    private final int exitCode;

    public HuskException(String message) {
        this(message, 1);
    }

    public HuskException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public HuskException(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = 1;
    }

    public int exitCode() {
        return exitCode;
    }
}
