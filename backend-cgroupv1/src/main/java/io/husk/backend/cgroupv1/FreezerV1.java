package io.husk.backend.cgroupv1;

import io.husk.backend.cgroupfs.CgroupFiles;
import io.husk.backend.cgroupfs.Freezer;
import io.husk.spi.cgroup.CgroupException;
import java.nio.file.Path;

/** freezer.state: FROZEN is reached once every task stopped; until then the file reads FREEZING. */
final class FreezerV1 implements Freezer {
    private static final long TIMEOUT_MILLIS = 5_000;
    private static final String STATE = "freezer.state";
    private final Path dir;

    FreezerV1(Path dir) {
        this.dir = dir;
    }

    /** Writing FROZEN again while FREEZING retries tasks that were busy (in a vfork, say) the first time. */
    @Override
    public void freeze() throws CgroupException {
        boolean done = Freezer.poll(() -> {
            CgroupFiles.write(dir, STATE, "FROZEN");
            return frozen();
        }, TIMEOUT_MILLIS);
        if (!done) {
            CgroupFiles.write(dir, STATE, "THAWED");
            throw new CgroupException("cgroup " + dir + " did not reach FROZEN within " + TIMEOUT_MILLIS
                    + " ms; thawed it again");
        }
    }

    @Override
    public void thaw() throws CgroupException {
        CgroupFiles.write(dir, STATE, "THAWED");
        if (!Freezer.poll(() -> CgroupFiles.read(dir, STATE).equals("THAWED"), TIMEOUT_MILLIS)) {
            throw new CgroupException("cgroup " + dir + " did not reach THAWED within " + TIMEOUT_MILLIS + " ms");
        }
    }

    @Override
    public boolean frozen() throws CgroupException {
        return CgroupFiles.read(dir, STATE).equals("FROZEN");
    }
}
