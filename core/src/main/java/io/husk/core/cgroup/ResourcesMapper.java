package io.husk.core.cgroup;

import io.husk.core.config.Spec;
import io.husk.spi.cgroup.Resources;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns config.json's linux.resources into the cgroup SPI's record. Fields keep their null ("not set"); the
 * spec's unsigned 64-bit numbers become longs, where anything past Long.MAX_VALUE (in practice 2^64-1, which
 * configs use for "unlimited" or "unset") becomes -1, as runc's int64 conversion does.
 */
public final class ResourcesMapper {
    private ResourcesMapper() {
    }

    public static Resources map(Spec.Resources r) {
        if (r == null) {
            return Resources.none();
        }
        return new Resources(memory(r.memory()), cpu(r.cpu()), pids(r.pids()), blockIo(r.blockIo()),
                list(r.hugepageLimits(), ResourcesMapper::hugepage), network(r.network()),
                list(r.devices(), ResourcesMapper::device), r.unified() == null ? null : Map.copyOf(r.unified()),
                rdma(r.rdma()));
    }

    private static Resources.Memory memory(Spec.Memory m) {
        if (m == null) {
            return null;
        }
        bytes(m.limit(), "limit");
        bytes(m.reservation(), "reservation");
        bytes(m.swap(), "swap");
        return new Resources.Memory(unset0(m.limit()), unset0(m.reservation()), unset0(m.swap()), unset0(m.kernel()),
                unset0(m.kernelTcp()), u64(m.swappiness()), m.disableOomKiller(), m.useHierarchy(),
                m.checkBeforeUpdate());
    }

    /**
     * runc writes none of these limits when they are 0, so a config saying 0 runs unlimited there (and an
     * {@code update -r} saying 0 changes nothing); the kernel would take a memory limit or a pids limit of 0 as
     * "nothing may run", a soft limit of 0 as "reclaim this one first", and refuses a CFS quota of 0.
     */
    public static Long unset0(Long value) {
        return value != null && value == 0 ? null : value;
    }

    private static Integer unset0(Integer value) {
        return value != null && value == 0 ? null : value;
    }

    /** A byte count, or -1 for no limit: anything below would reach the kernel as a huge number or fail there. */
    private static void bytes(Long value, String field) {
        if (value != null && value < -1) {
            throw new IllegalArgumentException("linux.resources.memory." + field + ": " + value
                    + " is negative (-1 means no limit)");
        }
    }

    private static Resources.Cpu cpu(Spec.Cpu c) {
        return c == null ? null : new Resources.Cpu(u64(c.shares()), unset0(c.quota()), u64(c.burst()), u64(c.period()),
                c.realtimeRuntime(), u64(c.realtimePeriod()), c.cpus(), c.mems(), c.idle());
    }

    /** A pids object without a limit, or with 0, sets nothing. */
    private static Resources.Pids pids(Spec.Pids p) {
        Long limit = p == null ? null : unset0(p.limit());
        return limit == null ? null : new Resources.Pids(limit);
    }

    private static Resources.BlockIo blockIo(Spec.BlockIo b) {
        if (b == null) {
            return null;
        }
        return new Resources.BlockIo(unset0(b.weight()), unset0(b.leafWeight()),
                list(b.weightDevice(), ResourcesMapper::weight),
                list(b.throttleReadBpsDevice(), d -> throttle(d, "throttleReadBpsDevice")),
                list(b.throttleWriteBpsDevice(), d -> throttle(d, "throttleWriteBpsDevice")),
                list(b.throttleReadIopsDevice(), d -> throttle(d, "throttleReadIOPSDevice")),
                list(b.throttleWriteIopsDevice(), d -> throttle(d, "throttleWriteIOPSDevice")));
    }

    private static Resources.WeightDevice weight(Spec.WeightDevice d) {
        return new Resources.WeightDevice(d.major(), d.minor(), d.weight(), d.leafWeight());
    }

    private static Resources.ThrottleDevice throttle(Spec.ThrottleDevice d, String field) {
        return new Resources.ThrottleDevice(d.major(), d.minor(), required(d.rate(), "blockIO." + field + ".rate"));
    }

    private static Resources.HugepageLimit hugepage(Spec.HugepageLimit h) {
        return new Resources.HugepageLimit(h.pageSize(), required(h.limit(), "hugepageLimits.limit"));
    }

    private static Resources.Network network(Spec.Network n) {
        return n == null ? null : new Resources.Network(n.classId(),
                list(n.priorities(), p -> new Resources.Priority(p.name(), p.priority())));
    }

    private static Resources.DeviceRule device(Spec.DeviceRule d) {
        return new Resources.DeviceRule(d.allow(), d.type(), d.major(), d.minor(), d.access());
    }

    private static Map<String, Resources.Rdma> rdma(Map<String, Spec.Rdma> rdma) {
        if (rdma == null) {
            return null;
        }
        Map<String, Resources.Rdma> mapped = new LinkedHashMap<>();
        rdma.forEach((device, l) -> mapped.put(device, new Resources.Rdma(l.hcaHandles(), l.hcaObjects())));
        return mapped;
    }

    private static <A, B> List<B> list(List<A> in, Function<A, B> f) {
        return in == null ? null : in.stream().map(f).toList();
    }

    static Long u64(BigInteger value) {
        if (value == null) {
            return null;
        }
        return value.bitLength() > 63 ? -1L : value.longValueExact();
    }

    /** The spec requires these; a config without one should not turn into a silent "no limit". */
    private static long required(BigInteger value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("linux.resources." + field + " is required");
        }
        return u64(value);
    }
}
