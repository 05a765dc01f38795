package io.husk.core.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.husk.core.HuskException;
import io.husk.core.cgroup.ResourcesMapper;
import io.husk.core.config.ConfigLoader;
import io.husk.core.config.Spec;
import io.husk.spi.IoErrors;
import io.husk.spi.cgroup.Resources;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resources of {@code update}: runc's flags (name without dashes → value) or an OCI linux.resources
 * document. Only what is given is set; everything else stays null, which the drivers leave untouched. As in runc,
 * a flag given as 0 leaves its value untouched too (except --cpu-burst, where 0 is a burst).
 */
public final class ResourceFlags {
    /** Sizes as runc parses them (docker's RAMInBytes): binary units, an optional "i" and "b". */
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?");
    private static final String UNITS = "kmgtp";
    static final Set<String> KNOWN = Set.of("memory", "memory-reservation", "memory-swap", "cpu-share",
            "cpu-quota", "cpu-burst", "cpu-period", "cpu-rt-runtime", "cpu-rt-period", "cpuset-cpus", "cpuset-mems",
            "pids-limit", "blkio-weight");

    private ResourceFlags() {
    }

    public static Resources fromFlags(Map<String, String> flags) {
        for (String f : flags.keySet()) {
            refuse(f);
        }
        return new Resources(memory(flags), cpu(flags), pids(flags), blockIo(flags), null, null, null, null, null);
    }

    /** An OCI linux.resources object, as {@code update -r} reads it from a file or stdin. */
    public static Resources fromJson(byte[] json, String name) {
        Spec.Resources r;
        try {
            // Unknown fields are refused: runc's own example names "blkioWeight", which no runtime-spec reads.
            r = ConfigLoader.mapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .readValue(json, Spec.Resources.class);
        } catch (JsonProcessingException e) {
            throw new HuskException(name + ": not a linux.resources object: " + field(e)
                    + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new HuskException("cannot read " + name + ": " + IoErrors.reason(e));
        }
        if (r == null) {
            throw new HuskException(name + ": empty document");
        }
        if (r.memory() != null && (nonZero(r.memory().kernel()) || nonZero(r.memory().kernelTcp()))) {
            throw new HuskException(name + ": memory.kernel and memory.kernelTCP are not supported");
        }
        try {
            return ResourcesMapper.map(r);
        } catch (IllegalArgumentException e) {
            throw new HuskException(name + ": " + e.getMessage());
        }
    }

    /** The flag that sets an OCI field ("linux.resources.cpu.period" → "--cpu-period"); else the field itself. */
    public static String flagOf(String field) {
        String flag = switch (inDocument(field)) {
            case "memory.limit" -> "memory";
            case "memory.reservation" -> "memory-reservation";
            case "memory.swap" -> "memory-swap";
            case "cpu.shares" -> "cpu-share";
            case "cpu.quota" -> "cpu-quota";
            case "cpu.period" -> "cpu-period";
            case "cpu.burst" -> "cpu-burst";
            case "cpu.realtimeRuntime" -> "cpu-rt-runtime";
            case "cpu.realtimePeriod" -> "cpu-rt-period";
            case "cpu.cpus" -> "cpuset-cpus";
            case "cpu.mems" -> "cpuset-mems";
            case "pids.limit" -> "pids-limit";
            case "blockIO.weight" -> "blkio-weight";
            default -> null;
        };
        return flag == null ? field : "--" + flag;
    }

    /** The field's path inside a linux.resources document ("linux.resources.cpu.period" → "cpu.period"). */
    public static String inDocument(String field) {
        String prefix = "linux.resources.";
        return field.startsWith(prefix) ? field.substring(prefix.length()) : field;
    }

    private static void refuse(String flag) {
        switch (flag) {
            case "kernel-memory", "kernel-memory-tcp" -> throw new HuskException("--" + flag
                    + ": kernel memory limits are deprecated by the kernel and not supported");
            case "l3-cache-schema", "mem-bw-schema" -> throw new HuskException("--" + flag
                    + ": Intel RDT (resctrl) is not supported by husk");
            default -> {
                if (!KNOWN.contains(flag)) {
                    throw new IllegalArgumentException("not an update flag: " + flag);
                }
            }
        }
    }

    private static Resources.Memory memory(Map<String, String> f) {
        Long limit = ResourcesMapper.unset0(size(f, "memory"));
        Long reservation = ResourcesMapper.unset0(size(f, "memory-reservation"));
        Long swap = ResourcesMapper.unset0(size(f, "memory-swap"));
        if (limit == null && reservation == null && swap == null) {
            return null;
        }
        return new Resources.Memory(limit, reservation, swap, null, null, null, null, null, null);
    }

    private static Resources.Cpu cpu(Map<String, String> f) {
        Long shares = ResourcesMapper.unset0(unsigned(f, "cpu-share"));
        Long quota = ResourcesMapper.unset0(signed(f, "cpu-quota"));
        Long burst = unsigned(f, "cpu-burst");
        Long period = ResourcesMapper.unset0(unsigned(f, "cpu-period"));
        Long rtRuntime = ResourcesMapper.unset0(signed(f, "cpu-rt-runtime"));
        Long rtPeriod = ResourcesMapper.unset0(unsigned(f, "cpu-rt-period"));
        String cpus = f.get("cpuset-cpus");
        String mems = f.get("cpuset-mems");
        if (shares == null && quota == null && burst == null && period == null && rtRuntime == null
                && rtPeriod == null && cpus == null && mems == null) {
            return null;
        }
        return new Resources.Cpu(shares, quota, burst, period, rtRuntime, rtPeriod, cpus, mems, null);
    }

    private static Resources.Pids pids(Map<String, String> f) {
        Long limit = ResourcesMapper.unset0(signed(f, "pids-limit"));
        return limit == null ? null : new Resources.Pids(limit);
    }

    private static Resources.BlockIo blockIo(Map<String, String> f) {
        Long weight = ResourcesMapper.unset0(unsigned(f, "blkio-weight"));
        if (weight == null) {
            return null;
        }
        if (weight > 0xffff) {
            throw new HuskException("--blkio-weight: " + weight + " does not fit in 16 bits");
        }
        return new Resources.BlockIo(weight.intValue(), null, null, null, null, null, null);
    }

    /** runc's own update example document says "kernel": 0, which sets nothing. */
    private static boolean nonZero(Long value) {
        return value != null && value != 0;
    }


    /** "512m", "1.5g", "1024", or -1 for unlimited. */
    static Long size(Map<String, String> f, String flag) {
        String v = f.get(flag);
        if (v == null) {
            return null;
        }
        if (v.equals("-1")) {
            return -1L;
        }
        Matcher m = SIZE.matcher(v);
        if (!m.matches()) {
            throw new HuskException("--" + flag + ": invalid size \"" + v + "\" (a number with k, m, g, t or p)");
        }
        int power = m.group(2) == null ? 0 : UNITS.indexOf(Character.toLowerCase(m.group(2).charAt(0))) + 1;
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new HuskException("--" + flag + ": " + v + " is too large");
        }
        return bytes.longValue();
    }

    private static Long unsigned(Map<String, String> f, String flag) {
        String v = f.get(flag);
        if (v == null) {
            return null;
        }
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new HuskException("--" + flag + ": \"" + v + "\" is not a non-negative integer");
        }
    }

    private static Long signed(Map<String, String> f, String flag) {
        String v = f.get(flag);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new HuskException("--" + flag + ": \"" + v + "\" is not an integer");
        }
    }

    /** "memory.limit: " for the field at fault, as the user wrote it. */
    private static String field(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
            }
        }
        return b + ": ";
    }

    /** Jackson's first line, without the Java class names users never wrote. */
    private static String firstLine(String s) {
        if (s == null) {
            return "invalid value";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.replaceAll(" \\(class [^)]*\\)", "").replace(", not marked as ignorable", "")
                .replaceAll("`java\\.[a-z.]+\\.([A-Za-z]+)`", "$1");
    }
}
