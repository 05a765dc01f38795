package io.husk.core.plan;

import java.util.Map;

/** OCI namespace types, their clone flags and their names under {@code /proc/PID/ns}. */
public final class Namespaces {
    public static final long CLONE_NEWTIME = 0x80, CLONE_NEWNS = 0x20000, CLONE_NEWCGROUP = 0x2000000,
            CLONE_NEWUTS = 0x4000000, CLONE_NEWIPC = 0x8000000, CLONE_NEWUSER = 0x10000000,
            CLONE_NEWPID = 0x20000000, CLONE_NEWNET = 0x40000000;

    private static final Map<String, Long> FLAGS = Map.of("pid", CLONE_NEWPID, "network", CLONE_NEWNET,
            "mount", CLONE_NEWNS, "ipc", CLONE_NEWIPC, "uts", CLONE_NEWUTS, "user", CLONE_NEWUSER,
            "cgroup", CLONE_NEWCGROUP, "time", CLONE_NEWTIME);
    private static final Map<String, String> PROC_NAMES = Map.of("pid", "pid", "network", "net", "mount", "mnt",
            "ipc", "ipc", "uts", "uts", "user", "user", "cgroup", "cgroup", "time", "time");

    private Namespaces() {
    }

    public static Long flag(String type) {
        return type == null ? null : FLAGS.get(type);
    }

    /** The file under /proc/PID/ns for a type ("network" is "net"). */
    public static String procName(String type) {
        return PROC_NAMES.get(type);
    }

    public static java.util.Set<String> types() {
        return FLAGS.keySet();
    }
}
