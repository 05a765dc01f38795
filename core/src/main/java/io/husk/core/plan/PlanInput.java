package io.husk.core.plan;

import io.husk.core.config.Spec;
import io.husk.spi.rootfs.RootfsLayout;
import io.husk.spi.sync.SyncBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything the plan of a new container depends on, resolved on the host side beforehand.
 *
 * @param cgroupProcs    the cgroup.procs files the init joins
 * @param cgroupDirs     the container's cgroup directory per hierarchy name ("" on a pure v2 host), for
 *                       {@code cgroup} mounts
 * @param cgroup2Only    whether the host has only the unified hierarchy
 * @param warnings       receives warnings (unknown capabilities) that do not stop the container
 * @param sessionKeyring the name of the container's own session keyring, or null to keep the caller's
 */
public record PlanInput(Spec spec, Path bundle, RootfsLayout rootfs, List<Path> cgroupProcs,
                        Map<String, Path> cgroupDirs, boolean cgroup2Only, SyncBackend.Gate gate,
                        boolean noPivot, int preserveFds, Consumer<String> warnings,
                        String sessionKeyring) {
    /** Without a keyring of its own (the plan tests' form). */
    public PlanInput(Spec spec, Path bundle, RootfsLayout rootfs, List<Path> cgroupProcs, Map<String, Path> cgroupDirs,
                     boolean cgroup2Only, SyncBackend.Gate gate, boolean noPivot, int preserveFds,
                     Consumer<String> warnings) {
        this(spec, bundle, rootfs, cgroupProcs, cgroupDirs, cgroup2Only, gate, noPivot, preserveFds, warnings, null);
    }
}
