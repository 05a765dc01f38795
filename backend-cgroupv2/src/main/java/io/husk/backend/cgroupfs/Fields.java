package io.husk.backend.cgroupfs;

import io.husk.spi.cgroup.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OCI names ("linux.resources.memory.limit") of the resource fields that are set, grouped the way
 * controllers take them. Refusals quote these names so the user can find the line in config.json.
 */
public final class Fields {
    public static final String PREFIX = "linux.resources.";

    private Fields() {
    }

    public static List<String> memory(Resources r) {
        Resources.Memory m = r.memory();
        List<String> set = new ArrayList<>();
        if (m != null) {
            add(set, "memory.limit", m.limit());
            add(set, "memory.reservation", m.reservation());
            add(set, "memory.swap", m.swap());
            add(set, "memory.kernel", m.kernel());
            add(set, "memory.kernelTCP", m.kernelTcp());
            add(set, "memory.swappiness", m.swappiness());
            add(set, "memory.disableOOMKiller", m.disableOomKiller());
            add(set, "memory.useHierarchy", m.useHierarchy());
        }
        return set;
    }

    /** The cpu controller's part of linux.resources.cpu (cpus and mems belong to cpuset). */
    public static List<String> cpu(Resources r) {
        Resources.Cpu c = r.cpu();
        List<String> set = new ArrayList<>();
        if (c != null) {
            add(set, "cpu.shares", c.shares());
            add(set, "cpu.quota", c.quota());
            add(set, "cpu.period", c.period());
            add(set, "cpu.burst", c.burst());
            add(set, "cpu.realtimeRuntime", c.realtimeRuntime());
            add(set, "cpu.realtimePeriod", c.realtimePeriod());
            add(set, "cpu.idle", c.idle());
        }
        return set;
    }

    public static List<String> cpuset(Resources r) {
        Resources.Cpu c = r.cpu();
        List<String> set = new ArrayList<>();
        if (c != null) {
            add(set, "cpu.cpus", blankToNull(c.cpus()));
            add(set, "cpu.mems", blankToNull(c.mems()));
        }
        return set;
    }

    public static List<String> pids(Resources r) {
        return r.pids() == null ? List.of() : List.of(PREFIX + "pids.limit");
    }

    public static List<String> blockIo(Resources r) {
        Resources.BlockIo b = r.blockIo();
        List<String> set = new ArrayList<>();
        if (b != null) {
            add(set, "blockIO.weight", b.weight());
            add(set, "blockIO.leafWeight", b.leafWeight());
            add(set, "blockIO.weightDevice", emptyToNull(b.weightDevice()));
            add(set, "blockIO.throttleReadBpsDevice", emptyToNull(b.throttleReadBpsDevice()));
            add(set, "blockIO.throttleWriteBpsDevice", emptyToNull(b.throttleWriteBpsDevice()));
            add(set, "blockIO.throttleReadIOPSDevice", emptyToNull(b.throttleReadIopsDevice()));
            add(set, "blockIO.throttleWriteIOPSDevice", emptyToNull(b.throttleWriteIopsDevice()));
        }
        return set;
    }

    public static List<String> hugetlb(Resources r) {
        return single("hugepageLimits", emptyToNull(r.hugepageLimits()));
    }

    public static List<String> classId(Resources r) {
        return single("network.classID", r.network() == null ? null : r.network().classId());
    }

    public static List<String> priorities(Resources r) {
        return single("network.priorities", r.network() == null ? null : emptyToNull(r.network().priorities()));
    }

    public static List<String> devices(Resources r) {
        return single("devices", emptyToNull(r.devices()));
    }

    public static List<String> rdma(Resources r) {
        return single("rdma", r.rdma() == null || r.rdma().isEmpty() ? null : r.rdma());
    }

    /** How a refusal names one key of linux.resources.unified. */
    public static String unified(String key) {
        return PREFIX + "unified[\"" + key + "\"]";
    }

    public static Map<String, String> unified(Resources r) {
        return r.unified() == null ? Map.of() : r.unified();
    }

    /**
     * Of the fields set for a controller, those whose values the refused interface file was written from; all of
     * them when the file is not one the table knows, so a refusal never names less than it concerns.
     */
    public static List<String> writtenTo(String file, List<String> set) {
        if (set.contains(unified(file))) {
            return List.of(unified(file)); // written as the key says
        }
        List<String> sources = sourcesOf(file);
        List<String> named = new ArrayList<>();
        for (String field : set) {
            if (field.startsWith(PREFIX) && sources.contains(field.substring(PREFIX.length()))) {
                named.add(field);
            }
        }
        return named.isEmpty() ? set : named;
    }

    /** The fields (after "linux.resources.") v1 and v2 controllers write each interface file from. */
    static List<String> sourcesOf(String file) {
        String throttle = "blockIO.throttle";
        return switch (file) {
            case "cpu.shares", "cpu.weight" -> List.of("cpu.shares");
            case "cpu.cfs_quota_us" -> List.of("cpu.quota");
            case "cpu.cfs_period_us" -> List.of("cpu.period");
            case "cpu.max" -> List.of("cpu.quota", "cpu.period");
            case "cpu.cfs_burst_us", "cpu.max.burst" -> List.of("cpu.burst");
            case "cpu.rt_period_us" -> List.of("cpu.realtimePeriod");
            case "cpu.rt_runtime_us" -> List.of("cpu.realtimeRuntime");
            case "cpu.idle" -> List.of("cpu.idle");
            case "cpuset.cpus" -> List.of("cpu.cpus");
            case "cpuset.mems" -> List.of("cpu.mems");
            case "memory.limit_in_bytes", "memory.max" -> List.of("memory.limit");
            // v1 wants memsw >= limit, and v2's swap.max is swap - limit: both values make the written one
            case "memory.memsw.limit_in_bytes", "memory.swap.max" -> List.of("memory.limit", "memory.swap");
            case "memory.soft_limit_in_bytes", "memory.low" -> List.of("memory.reservation");
            case "memory.kmem.limit_in_bytes" -> List.of("memory.kernel");
            case "memory.kmem.tcp.limit_in_bytes" -> List.of("memory.kernelTCP");
            case "memory.swappiness" -> List.of("memory.swappiness");
            case "memory.oom_control" -> List.of("memory.disableOOMKiller");
            case "memory.use_hierarchy" -> List.of("memory.useHierarchy");
            case "pids.max" -> List.of("pids.limit");
            case "blkio.weight", "blkio.bfq.weight", "io.weight", "io.bfq.weight" ->
                    List.of("blockIO.weight", "blockIO.weightDevice");
            case "blkio.leaf_weight" -> List.of("blockIO.leafWeight");
            case "blkio.weight_device", "blkio.bfq.weight_device", "blkio.leaf_weight_device" ->
                    List.of("blockIO.weightDevice");
            case "blkio.throttle.read_bps_device" -> List.of(throttle + "ReadBpsDevice");
            case "blkio.throttle.write_bps_device" -> List.of(throttle + "WriteBpsDevice");
            case "blkio.throttle.read_iops_device" -> List.of(throttle + "ReadIOPSDevice");
            case "blkio.throttle.write_iops_device" -> List.of(throttle + "WriteIOPSDevice");
            case "io.max" -> List.of(throttle + "ReadBpsDevice", throttle + "WriteBpsDevice",
                    throttle + "ReadIOPSDevice", throttle + "WriteIOPSDevice");
            case "net_cls.classid" -> List.of("network.classID");
            case "net_prio.ifpriomap" -> List.of("network.priorities");
            case "devices.allow", "devices.deny" -> List.of("devices");
            case "rdma.max" -> List.of("rdma");
            default -> file.startsWith("hugetlb.") ? List.of("hugepageLimits") : List.of();
        };
    }

    private static List<String> single(String name, Object value) {
        return value == null ? List.of() : List.of(PREFIX + name);
    }

    private static void add(List<String> set, String name, Object value) {
        if (value != null) {
            set.add(PREFIX + name);
        }
    }

    private static Object blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Object emptyToNull(List<?> list) {
        return list == null || list.isEmpty() ? null : list;
    }
}
