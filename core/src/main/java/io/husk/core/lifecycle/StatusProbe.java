package io.husk.core.lifecycle;

import io.husk.core.plugin.Plugins;
import io.husk.core.state.ContainerState;
import io.husk.core.state.ProcStat;
import io.husk.core.state.Status;
import io.husk.spi.cgroup.CgroupException;
import java.nio.file.Path;

/**
 * Derives a container's status from facts, never from a stored word: whether its init (pid plus start time)
 * lives, whether it still waits at the start gate, and whether its cgroup is frozen (which wins: runc pauses
 * created containers too).
 */
public final class StatusProbe {
    private final Plugins plugins;

    public StatusProbe(Plugins plugins) {
        this.plugins = plugins;
    }

    /**
     * Whether the container is stopped: its init is gone. The part of {@link #status} that kill and delete need;
     * it asks no backend (no freezer, no start gate), so those commands load none for it.
     */
    public static boolean stopped(ContainerState s) {
        return s == null || s.pid() <= 0 || !ProcStat.alive(s.pid(), s.initStartTime());
    }

    public Status status(ContainerState s, Path stateDir) {
        if (s == null) {
            return Status.STOPPED;
        }
        boolean alive = !stopped(s);
        if (!s.ready()) {
            return alive ? Status.CREATING : Status.STOPPED;
        }
        if (!alive) {
            return Status.STOPPED;
        }
        // A created container can be paused too (runc allows it); frozen, it still holds its gate open.
        if (frozen(s)) {
            return Status.PAUSED;
        }
        return plugins.sync(s).waiting(stateDir) ? Status.CREATED : Status.RUNNING;
    }

    private boolean frozen(ContainerState s) {
        try {
            return plugins.cgroup(s).frozen();
        } catch (CgroupException e) {
            return false; // no freezer to ask: the container cannot be paused
        }
    }
}
