package io.husk.backend.cgroupfs;

import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.CgroupManager;
import io.husk.spi.cgroup.Resources;
import io.husk.spi.cgroup.Stats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What v1 and v2 managers share once they know where each controller lives: checking, applying, stats, pids
 * and removal. Subclasses decide the slots, the directories, creation and the freezer.
 */
public abstract class CgroupfsManager implements CgroupManager {

    /** Every controller of the driver's catalogue, usable or not, in the order limits are written. */
    protected abstract List<Slot> slots();

    /** Null when no freezer is available on this host. */
    protected abstract Freezer freezer();

    /** Hook run before a slot's first write (v2 on hybrid hosts enables the controller there). */
    protected void prepare(Slot slot) throws CgroupException {
    }

    @Override
    public List<Path> procsFiles() {
        return directories().values().stream().map(d -> d.resolve("cgroup.procs")).toList();
    }

    @Override
    public void check(Resources r) throws CgroupException {
        Resources resources = r == null ? Resources.none() : r;
        for (Slot slot : slots()) {
            List<String> fields = slot.controller().fields(resources);
            if (fields.isEmpty()) {
                continue;
            }
            if (!slot.available()) {
                throw CgroupException.about(fields.getFirst(), slot.missing());
            }
            slot.controller().validate(resources, slot.hierarchy());
        }
    }

    /** Checks everything first, so a refused value leaves no half-applied limits behind. */
    @Override
    public void apply(Resources r) throws CgroupException {
        Resources resources = r == null ? Resources.none() : r;
        check(resources);
        for (Slot slot : slots()) {
            if (slot.available() && slot.controller().needsToHandle(resources)) {
                prepare(slot);
                applyNamingFields(slot, resources);
            }
        }
    }

    /** A write the kernel refuses names the fields it was written from: those of the file, else the controller's. */
    private static void applyNamingFields(Slot slot, Resources resources) throws CgroupException {
        try {
            slot.controller().apply(slot.dir(), resources);
        } catch (CgroupException e) {
            List<String> fields = slot.controller().fields(resources);
            if (e.field() != null || fields.isEmpty()) {
                throw e;
            }
            if (e instanceof RefusedWrite refused) {
                fields = Fields.writtenTo(refused.file(), fields);
            }
            throw new CgroupException(String.join(", ", fields), e.getMessage(), e);
        }
    }

    @Override
    public Stats stats() throws CgroupException {
        StatsBuilder stats = new StatsBuilder();
        for (Slot slot : slots()) {
            if (slot.available() && java.nio.file.Files.isDirectory(slot.dir())) {
                slot.controller().stats(slot.dir(), stats);
            }
        }
        return stats.build();
    }

    @Override
    public List<Integer> pids() throws CgroupException {
        TreeSet<Integer> pids = new TreeSet<>();
        for (Path dir : directories().values()) {
            pids.addAll(Directories.pids(dir));
        }
        return new ArrayList<>(pids);
    }

    @Override
    public void freeze() throws CgroupException {
        requireFreezer().freeze();
    }

    @Override
    public void thaw() throws CgroupException {
        requireFreezer().thaw();
    }

    @Override
    public boolean frozen() throws CgroupException {
        Freezer freezer = freezer();
        return freezer != null && freezer.frozen();
    }

    @Override
    public void destroy(List<Path> created) throws CgroupException {
        Directories.remove(created, true);
    }

    @Override
    public void destroy(List<Path> created, boolean waitWhileBusy) throws CgroupException {
        Directories.remove(created, waitWhileBusy);
    }

    private Freezer requireFreezer() throws CgroupException {
        Freezer freezer = freezer();
        if (freezer == null) {
            throw new CgroupException("cannot pause: no freezer controller is mounted on this host");
        }
        return freezer;
    }

    /** For subclasses: the directories by name, in a stable order. */
    protected static Map<String, Path> ordered(Map<String, Path> dirs) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dirs));
    }
}
