package io.husk.backend.cgroupv1;

import io.husk.backend.cgroupfs.CgroupFiles;
import io.husk.backend.cgroupfs.CgroupMount;
import io.husk.backend.cgroupfs.CgroupfsManager;
import io.husk.backend.cgroupfs.Controller;
import io.husk.backend.cgroupfs.Directories;
import io.husk.backend.cgroupfs.Fields;
import io.husk.backend.cgroupfs.Freezer;
import io.husk.backend.cgroupfs.Slot;
import io.husk.backend.cgroupfs.Unsupported;
import io.husk.backend.cgroupv2.CgroupFreeze;
import io.husk.backend.cgroupv2.CpuV2;
import io.husk.backend.cgroupv2.CpusetV2;
import io.husk.backend.cgroupv2.HugetlbV2;
import io.husk.backend.cgroupv2.IoV2;
import io.husk.backend.cgroupv2.MemoryV2;
import io.husk.backend.cgroupv2.PidsV2;
import io.husk.backend.cgroupv2.RdmaV2;
import io.husk.backend.cgroupv2.SubtreeControl;
import io.husk.backend.cgroupv2.UnifiedKeys;
import io.husk.spi.cgroup.CgroupException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A container's cgroups on a v1 or hybrid host: one directory per v1 hierarchy, plus one in the cgroup2
 * hierarchy when it is mounted beside them (as runc does), where controllers v1 lacks are served from.
 */
public final class V1Manager extends CgroupfsManager {

    /** One hierarchy and the container's directory in it. */
    public record Placed(CgroupMount mount, Path dir) {
    }

    /** The v1 controllers in the order limits are written, each with its v2 form for the unified side. */
    private static final List<Map.Entry<Supplier<Controller>, Supplier<Controller>>> CATALOGUE = List.of(
            Map.entry(CpusetV1::new, CpusetV2::new),
            Map.entry(CpuV1::new, CpuV2::new),
            Map.entry(CpuacctV1::new, () -> null),
            Map.entry(MemoryV1::new, MemoryV2::new),
            Map.entry(PidsV2::new, PidsV2::new),
            Map.entry(BlkioV1::new, IoV2::new),
            Map.entry(HugetlbV1::new, HugetlbV2::new),
            Map.entry(NetClsV1::new, () -> null),
            Map.entry(NetPrioV1::new, () -> null),
            Map.entry(DevicesV1::new, () -> null),
            Map.entry(RdmaV2::new, RdmaV2::new));

    /**
     * Where the container's cgroups are.
     *
     * @param hierarchies        the v1 hierarchies
     * @param unified            the cgroup2 hierarchy of a hybrid host, or null
     * @param unifiedControllers what the cgroup2 root lists in cgroup.controllers (empty without one)
     */
    public record Layout(List<Placed> hierarchies, Placed unified, Set<String> unifiedControllers) {
        public Layout {
            hierarchies = List.copyOf(hierarchies);
            unifiedControllers = Set.copyOf(unifiedControllers);
        }
    }

    private Supplier<Layout> source;
    private Layout layout;

    public V1Manager(List<Placed> hierarchies, Placed unified, Set<String> unifiedControllers) {
        this.layout = new Layout(hierarchies, unified, unifiedControllers);
    }

    /**
     * A manager that finds its hierarchies (mountinfo, /proc/self/cgroup) only when first asked: removing the
     * directories create recorded, all a plain delete of a stopped container does, needs none of it.
     */
    public V1Manager(Supplier<Layout> layout) {
        this.source = layout;
    }

    private Layout layout() {
        if (layout == null) {
            layout = source.get();
        }
        return layout;
    }

    @Override
    public Map<String, Path> directories() {
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (Placed p : all()) {
            dirs.put(p.mount().name(), p.dir());
        }
        return ordered(dirs);
    }

    private List<Placed> all() {
        List<Placed> all = new ArrayList<>(layout().hierarchies());
        if (layout().unified() != null) {
            all.add(layout().unified());
        }
        return all;
    }

    @Override
    public List<Path> create() throws CgroupException {
        List<Path> made = new ArrayList<>();
        for (Placed p : all()) {
            List<Path> here = Directories.create(p.mount().mountPoint(), p.dir());
            made.addAll(here);
            if (p.mount().controllers().contains("cpuset")) {
                for (Path dir : here) {
                    CpusetV1.inheritFromParent(dir);
                }
            }
        }
        return made;
    }

    @Override
    protected List<Slot> slots() {
        Placed unified = layout().unified();
        List<Slot> slots = new ArrayList<>();
        for (Map.Entry<Supplier<Controller>, Supplier<Controller>> forms : CATALOGUE) {
            slots.add(slot(forms.getKey().get(), forms.getValue().get()));
        }
        if (unified != null) {
            slots.add(Slot.usable(new UnifiedKeys(layout().unifiedControllers()), unified.dir(),
                    unified.mount().mountPoint()));
        } else {
            slots.add(Slot.missing(new Unsupported("unified", r -> Fields.unified(r).keySet().stream()
                    .map(Fields::unified).toList()), "needs a cgroup v2 hierarchy, and none is mounted here"));
        }
        return slots;
    }

    /** Where a controller is mounted as v1, or else offered on the unified side, or why neither. */
    private Slot slot(Controller v1, Controller v2) {
        Placed unified = layout().unified();
        for (Placed p : layout().hierarchies()) {
            if (p.mount().controllers().contains(v1.name())) {
                return Slot.usable(v1, p.dir(), p.mount().mountPoint());
            }
        }
        if (unified != null && v2 != null && layout().unifiedControllers().contains(v2.name())) {
            return Slot.usable(v2, unified.dir(), unified.mount().mountPoint());
        }
        return Slot.missing(v1, "no " + v1.name() + " controller is mounted on this host");
    }

    /**
     * Controllers of the unified side are enabled only when a limit needs them, so containers without such
     * limits leave the host's cgroup2 tree as it was.
     */
    @Override
    protected void prepare(Slot slot) throws CgroupException {
        Placed unified = layout().unified();
        if (unified == null || !slot.dir().startsWith(unified.mount().mountPoint())) {
            return;
        }
        Set<String> offered = layout().unifiedControllers();
        List<String> wanted = SubtreeControl.MANAGED.stream().filter(offered::contains).toList();
        List<Path> ancestors = new ArrayList<>();
        for (Path p = slot.dir().getParent(); p != null && p.startsWith(unified.mount().mountPoint());
                p = p.getParent()) {
            ancestors.addFirst(p);
        }
        for (Path ancestor : ancestors) {
            SubtreeControl.enable(ancestor, wanted);
        }
    }

    /** The v1 freezer, or on a hybrid host without one the unified side's cgroup.freeze. */
    @Override
    protected Freezer freezer() {
        Placed unified = layout().unified();
        for (Placed p : layout().hierarchies()) {
            if (p.mount().controllers().contains("freezer")) {
                return new FreezerV1(p.dir());
            }
        }
        if (unified != null && CgroupFiles.exists(unified.dir(), "cgroup.freeze")) {
            return new CgroupFreeze(unified.dir());
        }
        return null;
    }
}
