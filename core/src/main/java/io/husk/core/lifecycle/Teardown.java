package io.husk.core.lifecycle;

import io.husk.core.HuskException;
import io.husk.core.config.Spec;
import io.husk.core.hooks.HookPhase;
import io.husk.core.hooks.HookRunner;
import io.husk.core.log.Log;
import io.husk.core.plugin.Plugins;
import io.husk.core.state.ContainerState;
import io.husk.core.state.StateStore;
import io.husk.core.state.Status;
import io.husk.nativeinit.Native;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.CgroupManager;
import io.husk.spi.rootfs.RootfsRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes every trace of a container: its processes, its mounts in the host's table (when it had no mount
 * namespace), the cgroup directories husk made, the rootfs strategy's host files, the gate and the state
 * directory. Used by delete and by a create that failed half way.
 */
final class Teardown {
    private static final long KILL_WAIT_MILLIS = 5000;

    private final StateStore store;
    private final Plugins plugins;

    Teardown(StateStore store, Plugins plugins) {
        this.store = store;
        this.plugins = plugins;
    }

    /** After a failed create: best effort, never throws, so the original error is what the user sees. */
    void abortCreate(String id, ContainerState state) {
        try {
            destroy(id, state);
        } catch (RuntimeException e) {
            Log.warn("cleaning up after the failed create of " + id + ": " + e.getMessage());
        }
    }

    /** delete: removes everything, then runs the poststop hooks of the config snapshot (failures warn). */
    void delete(String id, ContainerState s) {
        if (s == null || !s.declaresHooks(HookPhase.POSTSTOP.specName())) {
            destroy(id, s);
            return;
        }
        Spec spec = Snapshot.spec(store.dir(id));
        destroy(id, s, () -> HookRunner.runWarning(HookPhase.POSTSTOP, spec, StateJson.state(s, Status.STOPPED)));
    }

    void destroy(String id, ContainerState s) {
        destroy(id, s, () -> { });
    }

    /** beforeRemoval runs once the processes, cgroups and rootfs are gone, while the state directory exists. */
    private void destroy(String id, ContainerState s, Runnable beforeRemoval) {
        if (s != null) {
            CgroupManager cgroup = plugins.cgroup(s);
            boolean emptied = diedWithInit(s);
            if (Log.debugEnabled()) { // delete is a short command: no string building unless asked
                Log.debug(id + ": " + (emptied ? "its init and pid namespace are gone, nothing to kill"
                        : "killing its init (pid " + s.pid() + ") and everything in its cgroup"));
            }
            if (!emptied) {
                killAll(s, cgroup);
            }
            if (s.hostMounts() != null) {
                // Before the rootfs cleanup, which must not walk into a mount (a bind of host files).
                MountTable.release(s.hostMounts());
            }
            removeCgroups(s, cgroup, emptied);
            if (Log.debugEnabled()) {
                Log.debug(id + ": removed the cgroups it made, but a parent others still use: " + s.cgroupCreated());
            }
            cleanupRootfs(s);
            try {
                plugins.sync(s).cleanup(store.dir(id));
            } catch (java.io.IOException e) {
                Log.warn("remove the start gate of " + id + ": " + e.getMessage());
            }
            beforeRemoval.run();
        }
        store.remove(id);
        if (Log.debugEnabled()) {
            Log.debug(id + ": removed its state directory " + store.dir(id));
        }
    }

    /**
     * Whether the container's processes are known to be gone without reading its cgroups (a walk of every
     * hierarchy, the larger part of a plain delete): its init, which passed create, has exited and was the init
     * of a new pid namespace, so the kernel killed everything else in it (runc reasons the same way). A process
     * that is in the cgroup but not in that namespace keeps the cgroup busy; {@link #removeCgroups} then walks.
     */
    private static boolean diedWithInit(ContainerState s) {
        return s.ready() && s.ownPidNamespace() && s.pid() > 0
                && !io.husk.core.state.ProcStat.alive(s.pid(), s.initStartTime());
    }

    /** SIGKILL to the init and to everything in the cgroup, until the cgroup is empty. */
    static void killAll(ContainerState s, CgroupManager cgroup) {
        if (s.pid() > 0 && io.husk.core.state.ProcStat.alive(s.pid(), s.initStartTime())) {
            Signals.send(s.pid(), Signals.SIGKILL);
        }
        long deadline = System.currentTimeMillis() + KILL_WAIT_MILLIS;
        try {
            List<Integer> pids = cgroup.pids();
            if (!pids.isEmpty()) {
                thaw(cgroup); // only then: an empty cgroup is removed whatever its freezer says
            }
            while (!pids.isEmpty() && System.currentTimeMillis() < deadline) {
                for (int pid : pids) {
                    Signals.send(pid, Signals.SIGKILL);
                }
                reapIfChild(s.pid());
                Thread.sleep(10);
                pids = cgroup.pids();
            }
            if (!pids.isEmpty()) {
                throw new HuskException("processes " + pids + " of container " + s.id() + " did not die");
            }
        } catch (CgroupException e) {
            Log.debug("list the container's processes: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reapIfChild(s.pid());
    }

    /** A frozen task cannot die; SIGKILL is delivered once it thaws (delete here, kill in Containers). */
    static void thaw(CgroupManager cgroup) {
        try {
            if (cgroup.frozen()) {
                cgroup.thaw();
            }
        } catch (CgroupException e) {
            Log.debug("freezer: " + e.getMessage());
        }
    }

    /** The init is husk's child while create runs; reap it so no zombie keeps its cgroup busy. */
    private static void reapIfChild(int pid) {
        io.husk.core.state.ProcStat st = io.husk.core.state.ProcStat.of(pid);
        if (st != null && st.ppid() == io.husk.core.state.ProcStat.self()) {
            Native.libc().waitpid(pid, null, 1 /* WNOHANG */);
        }
    }

    /** notWalked: the processes were taken for gone without a walk; if the cgroup is busy, walk, kill, retry. */
    private static void removeCgroups(ContainerState s, CgroupManager cgroup, boolean notWalked) {
        List<Path> created = new ArrayList<>(); // a loop, not a stream: delete runs interpreted (bin/husk)
        for (String dir : s.cgroupCreated()) {
            created.add(Path.of(dir));
        }
        try {
            cgroup.destroy(created, !notWalked); // supposed empty: a busy cgroup falls back to the walk at once
        } catch (CgroupException e) {
            if (!notWalked) {
                throw new HuskException("remove the cgroup of container " + s.id() + ": " + e.getMessage());
            }
            Log.debug("cgroup of " + s.id() + " still busy after its init died: " + e.getMessage());
            killAll(s, cgroup);
            removeCgroups(s, cgroup, false);
        }
    }

    private void cleanupRootfs(ContainerState s) {
        try {
            plugins.rootfs(s).cleanup(new RootfsRequest(s.id(), Path.of(s.bundle()),
                    Path.of(s.rootPath()), s.rootReadonly(), store.dir(s.id()), s.annotations()));
        } catch (io.husk.spi.rootfs.RootfsException e) {
            throw new HuskException("clean up the rootfs of container " + s.id() + ": " + e.getMessage());
        }
    }
}
