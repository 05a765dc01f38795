package io.husk.core.plan;

import io.husk.core.HuskException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** Capability names of {@code linux/capability.h} and their bit numbers. */
public final class Capabilities {
    private static final List<String> NAMES = List.of(
            "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID",
            "SETPCAP", "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW",
            "IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT",
            "SYS_ADMIN", "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD",
            "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP", "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG",
            "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF", "CHECKPOINT_RESTORE");
    private static final Pattern WELL_FORMED = Pattern.compile("CAP_[A-Z0-9_]+");
    private static final Map<String, Integer> BITS;

    static {
        java.util.HashMap<String, Integer> m = new java.util.HashMap<>();
        for (int i = 0; i < NAMES.size(); i++) {
            m.put("CAP_" + NAMES.get(i), i);
        }
        BITS = Map.copyOf(m);
    }

    private Capabilities() {
    }

    /**
     * The mask of a list of names. A well-formed name this kernel table lacks is reported to {@code unknown}
     * and skipped (the spec says warn and go on); a malformed name is an error naming the field.
     */
    public static long mask(List<String> names, String field, Consumer<String> unknown) {
        long mask = 0;
        if (names == null) {
            return 0;
        }
        for (String n : names) {
            Integer bit = BITS.get(n);
            if (bit != null) {
                mask |= 1L << bit;
            } else if (n != null && WELL_FORMED.matcher(n).matches()) {
                unknown.accept(n);
            } else {
                throw new HuskException(field + ": malformed capability name \"" + n + "\"");
            }
        }
        return mask;
    }

    public static Integer bit(String name) {
        return BITS.get(name);
    }

    public static List<String> all() {
        return NAMES.stream().map(n -> "CAP_" + n).toList();
    }
}
