package io.husk.backend.cgroupv1;

import com.google.auto.service.AutoService;
import io.husk.backend.cgroupfs.CgroupMount;
import io.husk.backend.cgroupfs.MountInfo;
import io.husk.backend.cgroupfs.SelfCgroup;
import io.husk.backend.cgroupv2.SubtreeControl;
import io.husk.spi.cgroup.CgroupDriver;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.CgroupManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** cgroupfs on v1 and hybrid hosts: every v1 hierarchy, plus the cgroup2 one mounted beside them if any. */
@AutoService(CgroupDriver.class)
public final class V1Driver implements CgroupDriver {
    /** The v1 controllers husk can use, reported as false when this host lacks them. */
    private static final List<String> KNOWN = List.of("cpu", "cpuacct", "cpuset", "memory", "devices",
            "freezer", "blkio", "pids", "hugetlb", "net_cls", "net_prio", "rdma");

    private final Path mountinfo;
    private final Path selfCgroup;
    /** The host's cgroup mounts, read once: a manager needs them three times over. */
    private List<CgroupMount> mounts;

    public V1Driver() {
        this(MountInfo.SELF, SelfCgroup.SELF);
    }

    /** For tests: other mountinfo and /proc/self/cgroup files. */
    public V1Driver(Path mountinfo, Path selfCgroup) {
        this.mountinfo = mountinfo;
        this.selfCgroup = selfCgroup;
    }

    @Override
    public String name() {
        return "v1";
    }

    @Override
    public boolean usable() {
        return !v1Mounts().isEmpty();
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Map<String, Boolean> controllers() {
        Map<String, Boolean> controllers = new LinkedHashMap<>();
        for (String name : KNOWN) {
            controllers.put(name, v1Mounts().stream().anyMatch(m -> m.controllers().contains(name)));
        }
        for (String name : unifiedControllers()) {
            controllers.merge(name.equals("io") ? "blkio" : name, true, Boolean::logicalOr);
        }
        return controllers;
    }

    @Override
    public CgroupManager manager(String cgroupsPath) {
        SelfCgroup self = SelfCgroup.read(selfCgroup);
        List<V1Manager.Placed> placed = new ArrayList<>();
        for (CgroupMount mount : v1Mounts()) {
            placed.add(new V1Manager.Placed(mount, mount.dirOf(self.resolve(cgroupsPath, mount))));
        }
        V1Manager.Placed unified = unifiedMount()
                .map(m -> new V1Manager.Placed(m, m.dirOf(self.resolve(cgroupsPath, m))))
                .orElse(null);
        return new V1Manager(placed, unified, unifiedControllers());
    }

    private List<CgroupMount> v1Mounts() {
        return mounts().stream().filter(m -> !m.unified()).toList();
    }

    /** The cgroup2 hierarchy of a hybrid host; only when v1 hierarchies exist too, else it is a v2 host. */
    private java.util.Optional<CgroupMount> unifiedMount() {
        List<CgroupMount> all = mounts();
        boolean hybrid = all.stream().anyMatch(m -> !m.unified());
        return hybrid ? all.stream().filter(CgroupMount::unified).findFirst() : java.util.Optional.empty();
    }

    private List<CgroupMount> mounts() {
        if (mounts == null) {
            mounts = MountInfo.cgroupMounts(mountinfo);
        }
        return mounts;
    }

    private Set<String> unifiedControllers() {
        return unifiedMount().map(m -> {
            try {
                return SubtreeControl.listed(m.mountPoint(), "cgroup.controllers");
            } catch (CgroupException e) {
                return Set.<String>of();
            }
        }).orElse(Set.of());
    }
}
