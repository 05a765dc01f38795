package io.husk.backend.cgroupv2;

import io.husk.backend.cgroupfs.Fields;
import io.husk.spi.cgroup.CgroupException;

/** The runtime-spec's v1 values turned into cgroup v2 ones, as runc and the spec's v2 mapping do. */
public final class Conversions {
    private Conversions() {
    }

    /** cpu.shares [2, 262144] onto cpu.weight [1, 10000]; 0 means unset. */
    public static long weightFromShares(long shares) {
        if (shares == 0) {
            return 0;
        }
        return 1 + ((shares - 2) * 9999) / 262142;
    }

    /** blkio.weight [10, 1000] onto io.weight [1, 10000]; 0 means unset. */
    public static long ioWeightFromBlkio(long weight) {
        if (weight == 0) {
            return 0;
        }
        return 1 + ((weight - 10) * 9999) / 990;
    }

    /** A byte or count limit where v1's -1 (and any negative value) is v2's "max". */
    public static String limit(long value) {
        return value < 0 ? "max" : Long.toString(value);
    }

    /**
     * memory.swap.max from OCI's memory+swap total: v2 limits swap alone. Null means leave the file alone
     * (swap unset, or 0 which runc also treats as unset).
     */
    public static String swapMax(Long limit, Long swap) throws CgroupException {
        if ((swap == null || swap == 0) && limit != null && limit == -1) {
            return "max"; // runc's rule, from v1: an unlimited memory without a swap given lifts swap too
        }
        if (swap == null || swap == 0) {
            return null;
        }
        if (swap == -1) {
            return "max";
        }
        if (limit == null || limit <= 0) {
            throw CgroupException.about(Fields.PREFIX + "memory.swap", swap
                    + " needs a memory limit: on cgroup v2 swap is set as memory+swap minus the memory limit");
        }
        if (swap < limit) {
            throw CgroupException.about(Fields.PREFIX + "memory.swap", swap + " is below linux.resources.memory"
                    + ".limit " + limit + " (swap is the memory+swap total, so it must be at least the limit)");
        }
        return Long.toString(swap - limit);
    }

    /**
     * cpu.max ("quota period"). A null quota or period keeps what {@code current} holds, so an update that
     * sets only one keeps the other; quota -1 (or any negative) is "max".
     */
    public static String cpuMax(Long quota, Long period, String current) {
        String[] now = (current == null || current.isBlank() ? "max 100000" : current.strip()).split("\\s+");
        String quotaText = quota == null ? now[0] : (quota < 0 ? "max" : Long.toString(quota));
        String periodText = period == null || period == 0 ? (now.length > 1 ? now[1] : "100000")
                : Long.toString(period);
        return quotaText + " " + periodText;
    }
}
