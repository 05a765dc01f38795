package io.husk.backend.cgroupv2;

import com.google.auto.service.AutoService;
import io.husk.backend.cgroupfs.CgroupMount;
import io.husk.backend.cgroupfs.MountInfo;
import io.husk.backend.cgroupfs.SelfCgroup;
import io.husk.spi.cgroup.CgroupDriver;
import io.husk.spi.cgroup.CgroupManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** cgroupfs on a pure v2 host: the single cgroup2 hierarchy mounted at /sys/fs/cgroup. */
@AutoService(CgroupDriver.class)
public final class V2Driver implements CgroupDriver {
    public static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    private final Path mountinfo;
    private final Path selfCgroup;

    public V2Driver() {
        this(MountInfo.SELF, SelfCgroup.SELF);
    }

    /** For tests: other mountinfo and /proc/self/cgroup files. */
    public V2Driver(Path mountinfo, Path selfCgroup) {
        this.mountinfo = mountinfo;
        this.selfCgroup = selfCgroup;
    }

    @Override
    public String name() {
        return "v2";
    }

    /** Only a pure v2 host: on a hybrid host the v1 driver serves the v2 side too. */
    @Override
    public boolean usable() {
        return unifiedRoot().isPresent();
    }

    @Override
    public int priority() {
        return 200;
    }

    @Override
    public Map<String, Boolean> controllers() {
        Set<String> available = unifiedRoot()
                .map(m -> SubtreeControl.availableFor(m.mountPoint(), m.mountPoint()))
                .orElse(Set.of());
        Map<String, Boolean> controllers = new LinkedHashMap<>();
        for (String name : SubtreeControl.MANAGED) {
            controllers.put(name, available.contains(name));
        }
        // Kernel features of every cgroup2 hierarchy rather than controllers to enable.
        controllers.put("freezer", usable());
        controllers.put("devices", usable());
        return controllers;
    }

    @Override
    public CgroupManager manager(String cgroupsPath) {
        CgroupMount mount = unifiedRoot().orElseThrow(() -> new IllegalStateException(
                "the cgroup v2 driver is not usable here: /sys/fs/cgroup is not a cgroup2 mount"));
        String path = SelfCgroup.read(selfCgroup).resolve(cgroupsPath, mount);
        return new V2Manager(mount.mountPoint(), mount.dirOf(path));
    }

    private Optional<CgroupMount> unifiedRoot() {
        return MountInfo.cgroupMounts(mountinfo).stream()
                .filter(m -> m.unified() && m.mountPoint().equals(CGROUP_ROOT))
                .findFirst();
    }

}
