package io.husk.spi.cgroup;

import java.util.Map;

/**
 * One way of managing cgroups on a host (a hierarchy layout). husk probes every installed driver and uses the
 * usable one with the highest priority; the lifecycle engine never knows which one it got.
 */
public interface CgroupDriver {

    /** Short stable name, stored in the container state ("v1", "v2"). */
    String name();

    /** Probes the host (statfs of the mounts, controller lists). Must be cheap and must not write. */
    boolean usable();

    /** Higher wins when several drivers are usable on one host. */
    int priority();

    /** For each controller this driver knows: whether this host lets it enforce limits with it. */
    Map<String, Boolean> controllers();

    /**
     * The cgroup of one container.
     *
     * @param cgroupsPath the OCI {@code linux.cgroupsPath}: absolute (from the hierarchy root) or relative (to
     *                    husk's own cgroup); never null, the engine supplies the default
     */
    CgroupManager manager(String cgroupsPath);
}
