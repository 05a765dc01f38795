package io.husk.backend.cgroupv2;

import io.husk.backend.cgroupfs.CgroupFiles;
import io.husk.backend.cgroupfs.Controller;
import io.husk.backend.cgroupfs.Fields;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.Resources;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** rdma.max, one line per device; the file has the same form in v1, so v1 uses this class too. */
public final class RdmaV2 implements Controller {

    @Override
    public String name() {
        return "rdma";
    }

    @Override
    public List<String> fields(Resources r) {
        return Fields.rdma(r);
    }

    @Override
    public void apply(Path dir, Resources r) throws CgroupException {
        for (Map.Entry<String, Resources.Rdma> device : r.rdma().entrySet()) {
            StringBuilder line = new StringBuilder(device.getKey());
            Resources.Rdma limits = device.getValue();
            if (limits.hcaHandles() != null) {
                line.append(" hca_handle=").append(limits.hcaHandles());
            }
            if (limits.hcaObjects() != null) {
                line.append(" hca_object=").append(limits.hcaObjects());
            }
            CgroupFiles.write(dir, "rdma.max", line.toString());
        }
    }
}
