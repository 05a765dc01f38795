package io.husk.backend.cgroupv1;

import io.husk.backend.cgroupfs.CgroupFiles;
import io.husk.backend.cgroupfs.Controller;
import io.husk.backend.cgroupfs.Fields;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.Resources;
import java.nio.file.Path;
import java.util.List;

/** net_prio.ifpriomap: one "interface priority" line per write. */
final class NetPrioV1 implements Controller {

    @Override
    public String name() {
        return "net_prio";
    }

    @Override
    public List<String> fields(Resources r) {
        return Fields.priorities(r);
    }

    @Override
    public void apply(Path dir, Resources r) throws CgroupException {
        for (Resources.Priority p : r.network().priorities()) {
            CgroupFiles.write(dir, "net_prio.ifpriomap", p.name() + " " + p.priority());
        }
    }
}
