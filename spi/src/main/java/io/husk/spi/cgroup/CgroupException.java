package io.husk.spi.cgroup;

/**
 * A cgroup operation failed; the message names the file or the resource. A failure caused by a value of the
 * config carries its OCI field ("linux.resources.cpu.quota") apart from the reason, so husk can name the field
 * as the user gave it: in config.json, in an {@code update -r} document, or as an {@code update} flag.
 */
public class CgroupException extends Exception {
    private final String field;
    private final String reason;

    public CgroupException(String message) {
        super(message);
        this.field = null;
        this.reason = message;
    }

    public CgroupException(String message, Throwable cause) {
        super(message, cause);
        this.field = null;
        this.reason = message;
    }

    /** "field: reason"; fields are OCI names, several joined by ", " when the refusal concerns them all. */
    public CgroupException(String field, String reason, Throwable cause) {
        super(field + ": " + reason, cause);
        this.field = field;
        this.reason = reason;
    }

    /** A value of the config that cannot be applied: {@code field} as in {@link #field()}. */
    public static CgroupException about(String field, String reason) {
        return new CgroupException(field, reason, null);
    }

    /** The config field(s) whose value was refused, or null when the failure is not about a value. */
    public String field() {
        return field;
    }

    /** The message without the field. */
    public String reason() {
        return reason;
    }
}
