package io.husk.backend.cgroupv2;

import io.husk.backend.cgroupfs.CgroupFiles;
import io.husk.backend.cgroupfs.Controller;
import io.husk.backend.cgroupfs.Fields;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.Resources;
import java.nio.file.Path;
import java.util.List;

/** cpuset.cpus and cpuset.mems; the files and the values have the same form in both versions. */
public final class CpusetV2 implements Controller {

    @Override
    public String name() {
        return "cpuset";
    }

    @Override
    public List<String> fields(Resources r) {
        return Fields.cpuset(r);
    }

    @Override
    public void apply(Path dir, Resources r) throws CgroupException {
        writeCpuset(dir, r.cpu());
    }

    /** Shared with v1, whose files carry the same names. */
    public static void writeCpuset(Path dir, Resources.Cpu c) throws CgroupException {
        if (c.cpus() != null && !c.cpus().isBlank()) {
            CgroupFiles.write(dir, "cpuset.cpus", c.cpus());
        }
        if (c.mems() != null && !c.mems().isBlank()) {
            CgroupFiles.write(dir, "cpuset.mems", c.mems());
        }
    }
}
