package io.husk.backend.cgroupfs;

import io.husk.spi.cgroup.CgroupException;

/** Pausing every task of a cgroup: v1 freezer.state or v2 cgroup.freeze. */
public interface Freezer {
    void freeze() throws CgroupException;

    void thaw() throws CgroupException;

    boolean frozen() throws CgroupException;

    /** Waits for a state the kernel reaches asynchronously; true when {@code reached} held in time. */
    static boolean poll(StateCheck reached, long timeoutMillis) throws CgroupException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        for (long pause = 1; ; pause = Math.min(pause * 2, 50)) {
            if (reached.holds()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CgroupException("interrupted while waiting for the freezer", e);
            }
        }
    }

    interface StateCheck {
        boolean holds() throws CgroupException;
    }
}
