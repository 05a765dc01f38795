package io.husk.backend.cgroupv1;

import io.husk.backend.cgroupfs.CgroupFiles;
import io.husk.backend.cgroupfs.Controller;
import io.husk.backend.cgroupfs.Fields;
import io.husk.backend.cgroupv2.CpusetV2;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.Resources;
import java.nio.file.Path;
import java.util.List;

/** cpuset.cpus and cpuset.mems, plus the v1 rule that a new cpuset starts empty. */
final class CpusetV1 implements Controller {

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
        CpusetV2.writeCpuset(dir, r.cpu());
    }

    /**
     * A v1 cpuset is created with empty cpus and mems, and a task cannot join it (ENOSPC) until both are set:
     * copy the parent's, as the kernel's clone_children would.
     */
    static void inheritFromParent(Path dir) throws CgroupException {
        for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
            if (CgroupFiles.read(dir, file).isEmpty()) {
                CgroupFiles.write(dir, file, CgroupFiles.read(dir.getParent(), file));
            }
        }
    }
}
