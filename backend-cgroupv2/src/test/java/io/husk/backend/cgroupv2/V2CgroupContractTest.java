package io.husk.backend.cgroupv2;

import io.husk.backend.cgroupfs.CgroupContract;
import io.husk.spi.cgroup.CgroupDriver;
import io.husk.spi.cgroup.CgroupManager;
import java.nio.file.Path;
import java.util.Map;

/** The contract on a pure cgroup v2 host (the VM: tests/vm/cgroup-vm.sh); skipped elsewhere. */
class V2CgroupContractTest extends CgroupContract {

    @Override
    protected CgroupDriver driver() {
        return new V2Driver();
    }

    @Override
    protected String requiredInVm() {
        return "v2";
    }

    @Override
    protected Path controllerDir(CgroupManager m, String controller) {
        return m.directories().get("");
    }

    @Override
    protected Map<String, String> expectedFiles() {
        return Map.of("memory/memory.max", Long.toString(64 * M),
                "memory/memory.swap.max", Long.toString(64 * M),
                "cpu/cpu.weight", "20",
                "cpu/cpu.max", "42000 100000",
                "pids/pids.max", "77",
                "cpuset/cpuset.cpus", "0",
                "cpuset/cpuset.mems", "0");
    }

    @Override
    protected Map<String, String> expectedAfterQuotaUpdate() {
        return Map.of("cpu/cpu.max", "21000 100000");
    }
}
