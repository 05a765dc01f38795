package io.husk.backend.sync;

import java.io.IOException;
import java.util.function.BooleanSupplier;

/** Waiting for a gate operation while watching that the init is still there to be let through. */
final class Gates {
    private static final long POLL_MILLIS = 20;

    private Gates() {
    }

    static void awaitOrInitDeath(Thread worker, BooleanSupplier initAlive) throws IOException {
        try {
            while (!worker.join(java.time.Duration.ofMillis(POLL_MILLIS))) {
                if (!initAlive.getAsBoolean()) {
                    throw new IOException("the container's init has exited");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening the start gate");
        }
    }
}
