package io.husk.core.lifecycle;

import io.husk.core.plugin.Plugins;
import io.husk.core.state.ContainerState;
import io.husk.core.state.ProcStat;
import io.husk.core.state.Status;
import io.husk.spi.cgroup.CgroupException;
import java.nio.file.Path;

/**
 * Derives a container's status from facts, never from a stored word: whether its init (pid plus start time)
 * lives, whether it still waits at the start gate, and whether its cgroup is frozen.
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
        if (plugins.sync(s).waiting(stateDir)) {
            return Status.CREATED;
        }
        try {
            if (plugins.cgroup(s).frozen()) {
                return Status.PAUSED;
            }
        } catch (CgroupException e) {
            // No freezer to ask: the container cannot be paused, so it runs.
        }
        return Status.RUNNING;
    }
}
