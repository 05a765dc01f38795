package io.husk.backend.cgroupv2;

import io.husk.backend.cgroupfs.Controller;
import io.husk.backend.cgroupfs.Fields;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.Resources;
import java.nio.file.Path;
import java.util.List;

/** cgroup v2 has no devices files: the rules become an eBPF program attached to the cgroup. */
public final class DevicesV2 implements Controller {

    @Override
    public String name() {
        return "devices";
    }

    @Override
    public List<String> fields(Resources r) {
        return Fields.devices(r);
    }

    /** Assembling checks every rule's type and access letters. */
    @Override
    public void validate(Resources r, Path hierarchy) throws CgroupException {
        DeviceProgram.assemble(r.devices());
    }

    @Override
    public void apply(Path dir, Resources r) throws CgroupException {
        Bpf.attachDeviceProgram(dir, DeviceProgram.assemble(r.devices()));
    }
}
