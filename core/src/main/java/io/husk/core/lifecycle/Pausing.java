package io.husk.core.lifecycle;

import io.husk.core.HuskException;
import io.husk.core.state.ContainerState;
import io.husk.core.state.Status;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.CgroupManager;

/**
 * {@code pause} and {@code resume}: the freezer of the container's cgroup (v1 freezer.state, v2 cgroup.freeze,
 * whichever the driver serves). Nothing is recorded: "paused" is read back from the freezer by the probe.
 */
final class Pausing {
    private Pausing() {
    }

    /**
     * A running or a created container is frozen, as runc does: a created one stays paused at its gate, and start
     * refuses it until resume.
     */
    static void pause(ContainerState s, Status st, CgroupManager cgroup) {
        if (st != Status.RUNNING && st != Status.CREATED) {
            throw new HuskException("cannot pause container " + s.id() + ": it is " + st.label()
                    + ", not running or created");
        }
        try {
            cgroup.freeze();
        } catch (CgroupException e) {
            throw new HuskException("pause " + s.id() + ": " + e.getMessage());
        }
    }

    static void resume(ContainerState s, Status st, CgroupManager cgroup) {
        if (st != Status.PAUSED) {
            throw new HuskException("cannot resume container " + s.id() + ": it is " + st.label() + ", not paused");
        }
        try {
            cgroup.thaw();
        } catch (CgroupException e) {
            throw new HuskException("resume " + s.id() + ": " + e.getMessage());
        }
    }
}
