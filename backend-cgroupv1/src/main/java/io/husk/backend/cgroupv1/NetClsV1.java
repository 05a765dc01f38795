package io.husk.backend.cgroupv1;

import io.husk.backend.cgroupfs.CgroupFiles;
import io.husk.backend.cgroupfs.Controller;
import io.husk.backend.cgroupfs.Fields;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.Resources;
import java.nio.file.Path;
import java.util.List;

/** net_cls.classid: the class id tc and iptables see on the container's packets. */
final class NetClsV1 implements Controller {

    @Override
    public String name() {
        return "net_cls";
    }

    @Override
    public List<String> fields(Resources r) {
        return Fields.classId(r);
    }

    @Override
    public void apply(Path dir, Resources r) throws CgroupException {
        CgroupFiles.write(dir, "net_cls.classid", Long.toString(r.network().classId()));
    }
}
