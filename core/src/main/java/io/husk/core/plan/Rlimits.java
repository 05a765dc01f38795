package io.husk.core.plan;

import java.util.Map;

/** {@code RLIMIT_*} names and their resource numbers on Linux. */
public final class Rlimits {
    private static final Map<String, Integer> TYPES = Map.ofEntries(
            Map.entry("RLIMIT_CPU", 0), Map.entry("RLIMIT_FSIZE", 1), Map.entry("RLIMIT_DATA", 2),
            Map.entry("RLIMIT_STACK", 3), Map.entry("RLIMIT_CORE", 4), Map.entry("RLIMIT_RSS", 5),
            Map.entry("RLIMIT_NPROC", 6), Map.entry("RLIMIT_NOFILE", 7), Map.entry("RLIMIT_MEMLOCK", 8),
            Map.entry("RLIMIT_AS", 9), Map.entry("RLIMIT_LOCKS", 10), Map.entry("RLIMIT_SIGPENDING", 11),
            Map.entry("RLIMIT_MSGQUEUE", 12), Map.entry("RLIMIT_NICE", 13), Map.entry("RLIMIT_RTPRIO", 14),
            Map.entry("RLIMIT_RTTIME", 15));

    private Rlimits() {
    }

    /** The resource number, or null for a type Linux does not have. */
    public static Integer resource(String type) {
        return type == null ? null : TYPES.get(type);
    }

    /** An rlimit value as the kernel's unsigned 64 bits, carried in a signed long (2^64-1 is -1). */
    public static long value(java.math.BigInteger v) {
        return v == null ? -1 : v.longValue();
    }
}
