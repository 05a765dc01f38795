package io.husk.backend.cgroupv2;

import io.husk.backend.cgroupfs.CgroupFiles;
import io.husk.backend.cgroupfs.CgroupfsManager;
import io.husk.backend.cgroupfs.Controller;
import io.husk.backend.cgroupfs.Directories;
import io.husk.backend.cgroupfs.Fields;
import io.husk.backend.cgroupfs.Freezer;
import io.husk.backend.cgroupfs.Slot;
import io.husk.backend.cgroupfs.Unsupported;
import io.husk.spi.cgroup.CgroupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A container's cgroup on a pure cgroup v2 host: one directory, controllers enabled from the root down. */
public final class V2Manager extends CgroupfsManager {
    private final Path mountPoint;
    private final Path dir;

    /**
     * @param mountPoint where cgroup2 is mounted (the hierarchy root as husk sees it)
     * @param dir        the container's cgroup directory below it
     */
    public V2Manager(Path mountPoint, Path dir) {
        this.mountPoint = mountPoint;
        this.dir = dir;
    }

    @Override
    public Map<String, Path> directories() {
        return Map.of("", dir);
    }

    /** Makes the directories, then enables every controller husk manages in each ancestor below the root. */
    @Override
    public List<Path> create() throws CgroupException {
        List<Path> made = Directories.create(mountPoint, dir);
        List<Path> ancestors = new ArrayList<>();
        for (Path p = dir.getParent(); p != null && p.startsWith(mountPoint); p = p.getParent()) {
            ancestors.addFirst(p);
        }
        for (Path ancestor : ancestors) {
            SubtreeControl.enable(ancestor, SubtreeControl.MANAGED);
        }
        return made;
    }

    @Override
    protected List<Slot> slots() {
        Set<String> available = SubtreeControl.availableFor(mountPoint, dir);
        List<Slot> slots = new ArrayList<>();
        for (Controller c : List.of(new CpusetV2(), new CpuV2(), new MemoryV2(), new IoV2(), new HugetlbV2(),
                new PidsV2(), new RdmaV2())) {
            slots.add(available.contains(c.name()) ? Slot.usable(c, dir, mountPoint)
                    : Slot.missing(c, "the " + c.name() + " controller is not available in this cgroup v2 "
                            + "hierarchy (not listed in cgroup.controllers)"));
        }
        slots.add(Slot.usable(new DevicesV2(), dir, mountPoint));
        String v1Only = "exists only in cgroup v1 (this host runs cgroup v2)";
        slots.add(Slot.missing(new Unsupported("net_cls", Fields::classId), "net_cls " + v1Only));
        slots.add(Slot.missing(new Unsupported("net_prio", Fields::priorities), "net_prio " + v1Only));
        slots.add(Slot.usable(new UnifiedKeys(available), dir, mountPoint));
        return slots;
    }

    @Override
    protected Freezer freezer() {
        return Files.exists(dir) && !CgroupFiles.exists(dir, "cgroup.freeze") ? null : new CgroupFreeze(dir);
    }
}
