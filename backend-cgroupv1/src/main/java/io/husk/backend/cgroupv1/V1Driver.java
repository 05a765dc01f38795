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
        return new V1Manager(() -> layout(cgroupsPath));
    }

    private V1Manager.Layout layout(String cgroupsPath) {
        SelfCgroup self = SelfCgroup.read(selfCgroup);
        List<V1Manager.Placed> placed = new ArrayList<>();
        for (CgroupMount mount : v1Mounts()) {
            placed.add(new V1Manager.Placed(mount, mount.dirOf(self.resolve(cgroupsPath, mount))));
        }
        CgroupMount u = unifiedMount();
        V1Manager.Placed unified = u == null ? null : new V1Manager.Placed(u, u.dirOf(self.resolve(cgroupsPath, u)));
        return new V1Manager.Layout(placed, unified, unifiedControllers());
    }

    // Loops, not streams, here and below: kill and delete open a manager while running interpreted (bin/husk).
    private List<CgroupMount> v1Mounts() {
        List<CgroupMount> v1 = new ArrayList<>();
        for (CgroupMount m : mounts()) {
            if (!m.unified()) {
                v1.add(m);
            }
        }
        return v1;
    }

    /** The cgroup2 hierarchy of a hybrid host, or null: only when v1 hierarchies exist too, else it is v2. */
    private CgroupMount unifiedMount() {
        CgroupMount unified = null;
        boolean hybrid = false;
        for (CgroupMount m : mounts()) {
            hybrid |= !m.unified();
            if (m.unified() && unified == null) {
                unified = m;
            }
        }
        return hybrid ? unified : null;
    }

    private List<CgroupMount> mounts() {
        if (mounts == null) {
            mounts = MountInfo.cgroupMounts(mountinfo);
        }
        return mounts;
    }

    private Set<String> unifiedControllers() {
        CgroupMount m = unifiedMount();
        try {
            return m == null ? Set.of() : SubtreeControl.listed(m.mountPoint(), "cgroup.controllers");
        } catch (CgroupException e) {
            return Set.of();
        }
    }
}
