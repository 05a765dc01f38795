package io.husk.backend.cgroupfs;

import io.husk.spi.cgroup.CgroupException;

/** The kernel refused a write to one interface file; the manager maps the file back to the config fields. */
public final class RefusedWrite extends CgroupException {
    private final String file;

    RefusedWrite(String file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The interface file's name in its cgroup directory ("cpu.max", "memory.memsw.limit_in_bytes"). */
    public String file() {
        return file;
    }
}
