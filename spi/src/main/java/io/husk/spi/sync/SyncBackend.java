package io.husk.spi.sync;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * The gate between {@code create} and {@code start}: the container's init waits at it with everything set up,
 * and {@code start} opens it. The init's side is carried out by husk's init helper, which knows the
 * {@link Gate#kind() kinds} "fifo" and "socket".
 */
public interface SyncBackend {

    /** The name users select it by (annotation {@code io.husk.sync} or {@code --sync}). */
    String name();

    /** How the init waits, without side effects. */
    Gate gate(Path stateDir);

    /** Creates the gate's host object under the state directory, if its kind needs one before the init. */
    void prepare(Path stateDir) throws IOException;

    /** True while the init has not been let through (the container is "created"). */
    boolean waiting(Path stateDir);

    /**
     * Lets the init through. Must not block forever on a dead init: {@code initAlive} tells whether it still
     * runs, and the call fails with a message saying the init has exited when it does not.
     */
    void release(Path stateDir, BooleanSupplier initAlive) throws IOException;

    /** Removes the gate's host object. Idempotent. */
    void cleanup(Path stateDir) throws IOException;

    /**
     * @param kind "fifo" or "socket"
     * @param path the host path the init opens while it can still see the host
     */
    record Gate(String kind, Path path) {
    }
}
