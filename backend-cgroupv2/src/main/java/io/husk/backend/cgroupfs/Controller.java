package io.husk.backend.cgroupfs;

import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.Resources;
import java.nio.file.Path;
import java.util.List;

/** One kernel controller's share of the work: which resources it takes, how it writes them, what it reports. */
public interface Controller {

    /** The kernel's name of the controller ("memory", "io", "net_cls"...). */
    String name();

    /** The OCI fields set in {@code r} that this controller enforces, as "linux.resources.memory.limit". */
    List<String> fields(Resources r);

    default boolean needsToHandle(Resources r) {
        return !fields(r).isEmpty();
    }

    /**
     * Refuses values this controller cannot enforce, before anything is created.
     *
     * @param hierarchy a directory of the hierarchy that holds the controller's interface files (v1: the root)
     */
    default void validate(Resources r, Path hierarchy) throws CgroupException {
    }

    void apply(Path dir, Resources r) throws CgroupException;

    default void stats(Path dir, StatsBuilder stats) throws CgroupException {
    }
}
