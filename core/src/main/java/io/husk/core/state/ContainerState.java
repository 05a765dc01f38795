package io.husk.core.state;

import java.util.List;
import java.util.Map;

/**
 * What husk records about a container in {@code <root>/<id>/state}. The status is deliberately absent:
 * it is derived from facts each time (see {@link StatusProbe}).
 *
 * @param bundle         the bundle path exactly as the caller gave it
 * @param pid            host pid of the container's init, 0 while create has not learned it
 * @param initStartTime  the init's start time (field 22 of /proc/PID/stat), which tells a reused pid apart
 * @param cgroupCreated  the cgroup directories create made, and only those
 * @param providers      the class of each backend create chose, by kind ({@code cgroup}, {@code rootfs},
 *                       {@code sync}): later commands load it directly instead of discovering every plugin
 * @param hooks          the hook phases the config declares that run after create ({@code poststart},
 *                       {@code poststop}): commands load the config snapshot only when theirs is here
 * @param hostMounts     for a container without a mount namespace, where its mounts are in the host's table;
 *                       null for one with its own mount namespace
 * @param ownPidNamespace whether the container has a new pid namespace, whose processes the kernel kills when
 *                       its init dies
 * @param sessionKeyring  the name of the container's session keyring, which exec joins; null when it kept the
 *                       caller's ({@code --no-new-keyring})
 */
public record ContainerState(String ociVersion, String id, String bundle, int pid, long initStartTime,
                             String created, Map<String, String> annotations, String cgroupDriver,
                             String cgroupsPath, List<String> cgroupCreated, String rootfsStrategy,
                             String rootPath, boolean rootReadonly, String syncBackend, boolean ready,
                             Map<String, String> providers, List<String> hooks, HostMounts hostMounts,
                             boolean ownPidNamespace, String sessionKeyring) {

    public static final String CGROUP = "cgroup", ROOTFS = "rootfs", SYNC = "sync";

    public ContainerState withPid(int newPid, long startTime) {
        return new ContainerState(ociVersion, id, bundle, newPid, startTime, created, annotations, cgroupDriver,
                cgroupsPath, cgroupCreated, rootfsStrategy, rootPath, rootReadonly, syncBackend, ready, providers,
                hooks, hostMounts, ownPidNamespace, sessionKeyring);
    }

    public ContainerState withCgroupCreated(List<String> dirs) {
        return new ContainerState(ociVersion, id, bundle, pid, initStartTime, created, annotations, cgroupDriver,
                cgroupsPath, dirs, rootfsStrategy, rootPath, rootReadonly, syncBackend, ready, providers, hooks,
                hostMounts, ownPidNamespace, sessionKeyring);
    }

    /** Marks that create finished: the init passed every setup step and waits at the gate. */
    public ContainerState asReady() {
        return new ContainerState(ociVersion, id, bundle, pid, initStartTime, created, annotations, cgroupDriver,
                cgroupsPath, cgroupCreated, rootfsStrategy, rootPath, rootReadonly, syncBackend, true, providers,
                hooks, hostMounts, ownPidNamespace, sessionKeyring);
    }

    /** The recorded class of the backend of this kind, or null (discovery then finds it by name). */
    public String provider(String kind) {
        return providers.get(kind);
    }

    /** Whether the config snapshot declares hooks of this phase (by its runtime-spec name). */
    public boolean declaresHooks(String phase) {
        return hooks.contains(phase);
    }
}
