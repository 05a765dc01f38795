package io.husk.backend.cgroupv2;

import io.husk.backend.cgroupfs.CgroupFiles;
import io.husk.backend.cgroupfs.Controller;
import io.husk.backend.cgroupfs.Fields;
import io.husk.backend.cgroupfs.StatsBuilder;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.Resources;
import java.nio.file.Path;
import java.util.List;

/** pids.max; the files are the same in v1 and v2, so the v1 backend uses this class too. */
public final class PidsV2 implements Controller {

    @Override
    public String name() {
        return "pids";
    }

    @Override
    public List<String> fields(Resources r) {
        return Fields.pids(r);
    }

    /** runc's rule: a limit of 0 or below means no limit. */
    @Override
    public void apply(Path dir, Resources r) throws CgroupException {
        long limit = r.pids().limit();
        CgroupFiles.write(dir, "pids.max", limit > 0 ? Long.toString(limit) : "max");
    }

    /** runc reports an unlimited pids.max as limit 0. */
    @Override
    public void stats(Path dir, StatsBuilder stats) throws CgroupException {
        stats.pids.put("current", CgroupFiles.readLong(dir, "pids.current"));
        String max = CgroupFiles.read(dir, "pids.max");
        stats.pids.put("limit", max.equals("max") ? 0L : Long.parseLong(max));
    }
}
