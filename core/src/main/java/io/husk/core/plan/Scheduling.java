package io.husk.core.plan;

import java.util.Map;

/** Names of {@code process.scheduler}, {@code process.ioPriority} and {@code linux.personality} and their values. */
public final class Scheduling {
    /** {@code SCHED_*} policies of {@code linux/sched.h}. */
    private static final Map<String, Integer> POLICIES = Map.of(
            "SCHED_OTHER", 0, "SCHED_FIFO", 1, "SCHED_RR", 2, "SCHED_BATCH", 3, "SCHED_ISO", 4, "SCHED_IDLE", 5,
            "SCHED_DEADLINE", 6);
    /** {@code SCHED_FLAG_*} of {@code linux/sched.h}. */
    private static final Map<String, Long> FLAGS = Map.of(
            "SCHED_FLAG_RESET_ON_FORK", 0x01L, "SCHED_FLAG_RECLAIM", 0x02L, "SCHED_FLAG_DL_OVERRUN", 0x04L,
            "SCHED_FLAG_KEEP_POLICY", 0x08L, "SCHED_FLAG_KEEP_PARAMS", 0x10L, "SCHED_FLAG_UTIL_CLAMP_MIN", 0x20L,
            "SCHED_FLAG_UTIL_CLAMP_MAX", 0x40L);
    /** {@code IOPRIO_CLASS_*} of {@code linux/ioprio.h}. */
    private static final Map<String, Integer> IO_CLASSES = Map.of(
            "IOPRIO_CLASS_RT", 1, "IOPRIO_CLASS_BE", 2, "IOPRIO_CLASS_IDLE", 3);
    /** Execution domains of {@code sys/personality.h} the spec names. */
    private static final Map<String, Integer> DOMAINS = Map.of("LINUX", 0x0000, "LINUX32", 0x0008);

    public static final int SCHED_FIFO = 1, SCHED_RR = 2, SCHED_DEADLINE = 6;

    private Scheduling() {
    }

    public static Integer policy(String name) {
        return name == null ? null : POLICIES.get(name);
    }

    public static Long flag(String name) {
        return name == null ? null : FLAGS.get(name);
    }

    public static Integer ioClass(String name) {
        return name == null ? null : IO_CLASSES.get(name);
    }

    public static Integer domain(String name) {
        return name == null ? null : DOMAINS.get(name);
    }
}
