package io.husk.spi.cgroup;

/**
 * A cgroup operation failed; the message names the file or the resource. A failure caused by a value of the
 * config carries its OCI field ("linux.resources.cpu.quota"), so husk can point at config.json as well.
 */
public class CgroupException extends Exception {
    private final String field;

    public CgroupException(String message) {
        super(message);
        this.field = null;
    }

    public CgroupException(String message, Throwable cause) {
        super(message, cause);
        this.field = null;
    }

    /** "field: message"; fields are OCI names, several joined by ", " when the kernel's refusal concerns them all. */
    public CgroupException(String field, String message, Throwable cause) {
        super(field + ": " + message, cause);
        this.field = field;
    }

    /** The config field(s) whose value the kernel refused, or null when the failure is not about a value. */
    public String field() {
        return field;
    }
}
