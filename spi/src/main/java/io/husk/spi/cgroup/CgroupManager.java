package io.husk.spi.cgroup;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The narrow set of operations the lifecycle engine needs on one container's cgroup. */
public interface CgroupManager {

    /** The {@code cgroup.procs} files the container's first process writes itself into, in order. */
    List<Path> procsFiles();

    /**
     * The container's directory in each hierarchy, by the name it has under a container's
     * {@code /sys/fs/cgroup} ("cpu", "memory", "unified"...; "" for the single unified hierarchy of a pure v2
     * host). Used to build the container's cgroup mount.
     */
    Map<String, Path> directories();

    /**
     * Creates the cgroup directories that do not exist yet.
     *
     * @return the directories this call created (and only those), parents first; the engine stores them so
     *         {@link #destroy(List)} removes exactly what husk made
     */
    List<Path> create() throws CgroupException;

    /** Refuses, naming it, any resource this host cannot enforce. Called before anything is created. */
    void check(Resources resources) throws CgroupException;

    /** Writes the limits. Fields left null are not touched, so {@code update} can set a subset. */
    void apply(Resources resources) throws CgroupException;

    void freeze() throws CgroupException;

    void thaw() throws CgroupException;

    boolean frozen() throws CgroupException;

    /** Every process in the container's cgroup, as host pids. */
    List<Integer> pids() throws CgroupException;

    Stats stats() throws CgroupException;

    /** Removes the given directories, deepest first. Processes must be gone already. */
    void destroy(List<Path> created) throws CgroupException;

    /**
     * As {@link #destroy(List)}; without {@code waitWhileBusy} a busy cgroup fails at once instead of being tried
     * again while killed processes leave it. husk asks so when it only supposes the processes gone (their pid
     * namespace died with its init) and has a walk and kill to fall back on.
     */
    default void destroy(List<Path> created, boolean waitWhileBusy) throws CgroupException {
        destroy(created);
    }
}
