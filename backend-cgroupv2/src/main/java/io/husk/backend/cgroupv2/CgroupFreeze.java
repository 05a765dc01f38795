package io.husk.backend.cgroupv2;

import io.husk.backend.cgroupfs.CgroupFiles;
import io.husk.backend.cgroupfs.Freezer;
import io.husk.spi.cgroup.CgroupException;
import java.nio.file.Path;

/** The v2 freezer: cgroup.freeze, whose effect shows as "frozen 1" in cgroup.events once every task stopped. */
public final class CgroupFreeze implements Freezer {
    private static final long TIMEOUT_MILLIS = 5_000;
    private final Path dir;

    public CgroupFreeze(Path dir) {
        this.dir = dir;
    }

    @Override
    public void freeze() throws CgroupException {
        CgroupFiles.write(dir, "cgroup.freeze", "1");
        if (!Freezer.poll(this::frozen, TIMEOUT_MILLIS)) {
            throw new CgroupException("cgroup " + dir + " did not report \"frozen 1\" in cgroup.events within "
                    + TIMEOUT_MILLIS + " ms");
        }
    }

    @Override
    public void thaw() throws CgroupException {
        CgroupFiles.write(dir, "cgroup.freeze", "0");
        if (!Freezer.poll(() -> !frozen(), TIMEOUT_MILLIS)) {
            throw new CgroupException("cgroup " + dir + " still reports \"frozen 1\" after thawing");
        }
    }

    @Override
    public boolean frozen() throws CgroupException {
        return CgroupFiles.readKeyValues(dir, "cgroup.events").getOrDefault("frozen", 0L) == 1;
    }
}
