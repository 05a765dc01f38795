package io.husk.backend.cgroupv2;

import io.husk.backend.cgroupfs.CgroupFiles;
import io.husk.spi.cgroup.CgroupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** cgroup.controllers and cgroup.subtree_control: what a v2 cgroup may have and what its children get. */
public final class SubtreeControl {
    /** The controllers husk enables for containers; the kernel's freezer and devices need no enabling. */
    public static final List<String> MANAGED = List.of("cpuset", "cpu", "io", "memory", "hugetlb", "pids",
            "rdma", "misc");

    private SubtreeControl() {
    }

    public static Set<String> listed(Path dir, String file) throws CgroupException {
        Set<String> names = new LinkedHashSet<>();
        names.addAll(CgroupFiles.words(CgroupFiles.read(dir, file)));
        return names;
    }

    /**
     * The controllers a cgroup at {@code dir} can get: those of its nearest existing ancestor (its parent once
     * create() ran), since create() enables them on the way down. Empty when nothing can be read.
     */
    public static Set<String> availableFor(Path mountPoint, Path dir) {
        Path p = dir.equals(mountPoint) || !dir.startsWith(mountPoint) ? mountPoint : dir.getParent();
        while (!Files.isDirectory(p) && p.startsWith(mountPoint) && !p.equals(mountPoint)) {
            p = p.getParent();
        }
        try {
            return listed(p, "cgroup.controllers");
        } catch (CgroupException e) {
            return Set.of();
        }
    }

    /**
     * Enables the wanted controllers that {@code dir} has in its children. A cgroup that holds processes
     * itself refuses (the no-internal-process rule); then each controller is tried alone and the ones refused
     * stay off, which check() reports when a resource needs them.
     */
    public static void enable(Path dir, List<String> wanted) throws CgroupException {
        Set<String> have = listed(dir, "cgroup.controllers");
        Set<String> on = listed(dir, "cgroup.subtree_control");
        List<String> missing = new ArrayList<>();
        for (String name : wanted) {
            if (have.contains(name) && !on.contains(name)) {
                missing.add("+" + name);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try {
            CgroupFiles.write(dir, "cgroup.subtree_control", String.join(" ", missing));
        } catch (CgroupException all) {
            for (String one : missing) {
                try {
                    CgroupFiles.write(dir, "cgroup.subtree_control", one);
                } catch (CgroupException refused) {
                    // Left off on purpose: see the method comment.
                }
            }
        }
    }
}
