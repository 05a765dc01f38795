package io.husk.backend.cgroupv1;

import static io.husk.backend.cgroupfs.CgroupFiles.write;

import io.husk.backend.cgroupfs.CgroupFiles;
import io.husk.backend.cgroupfs.Controller;
import io.husk.backend.cgroupfs.Fields;
import io.husk.backend.cgroupfs.StatsBuilder;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.Resources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * blkio weights and throttles. Weight files exist only with an I/O scheduler that has weights (CFQ gave
 * blkio.weight, BFQ gives blkio.bfq.weight); without one, weights are refused.
 */
final class BlkioV1 implements Controller {

    @Override
    public String name() {
        return "blkio";
    }

    @Override
    public List<String> fields(Resources r) {
        return Fields.blockIo(r);
    }

    @Override
    public void validate(Resources r, Path hierarchy) throws CgroupException {
        Resources.BlockIo b = r.blockIo();
        boolean deviceWeights = b.weightDevice() != null && !b.weightDevice().isEmpty();
        require(b.weight() != null && file(hierarchy, "weight") == null, "weight", "blkio.weight");
        require(b.leafWeight() != null && file(hierarchy, "leaf_weight") == null, "leafWeight",
                "blkio.leaf_weight");
        require(deviceWeights && file(hierarchy, "weight_device") == null, "weightDevice",
                "blkio.weight_device");
    }

    private static void require(boolean missing, String field, String file) throws CgroupException {
        if (missing) {
            throw CgroupException.about(Fields.PREFIX + "blockIO." + field, "this host has no " + file
                    + " (nor its BFQ form): the block devices' I/O scheduler has no weights");
        }
    }

    /** The CFQ-era file, or its BFQ form, or null. */
    private static String file(Path dir, String name) {
        if (CgroupFiles.exists(dir, "blkio." + name)) {
            return "blkio." + name;
        }
        return CgroupFiles.exists(dir, "blkio.bfq." + name) ? "blkio.bfq." + name : null;
    }

    @Override
    public void apply(Path dir, Resources r) throws CgroupException {
        Resources.BlockIo b = r.blockIo();
        if (b.weight() != null) {
            write(dir, file(dir, "weight"), Integer.toString(b.weight()));
        }
        if (b.leafWeight() != null) {
            write(dir, file(dir, "leaf_weight"), Integer.toString(b.leafWeight()));
        }
        if (b.weightDevice() != null) {
            for (Resources.WeightDevice d : b.weightDevice()) {
                if (d.weight() != null) {
                    write(dir, file(dir, "weight_device"), d.major() + ":" + d.minor() + " " + d.weight());
                }
                if (d.leafWeight() != null && CgroupFiles.exists(dir, "blkio.leaf_weight_device")) {
                    write(dir, "blkio.leaf_weight_device", d.major() + ":" + d.minor() + " " + d.leafWeight());
                }
            }
        }
        throttle(dir, "blkio.throttle.read_bps_device", b.throttleReadBpsDevice());
        throttle(dir, "blkio.throttle.write_bps_device", b.throttleWriteBpsDevice());
        throttle(dir, "blkio.throttle.read_iops_device", b.throttleReadIopsDevice());
        throttle(dir, "blkio.throttle.write_iops_device", b.throttleWriteIopsDevice());
    }

    private static void throttle(Path dir, String file, List<Resources.ThrottleDevice> devices)
            throws CgroupException {
        if (devices != null) {
            for (Resources.ThrottleDevice d : devices) {
                write(dir, file, d.major() + ":" + d.minor() + " " + d.rate());
            }
        }
    }

    /** Prefers the throttle layer's counters, which exist whatever the scheduler. */
    @Override
    public void stats(Path dir, StatsBuilder stats) throws CgroupException {
        String prefix = CgroupFiles.exists(dir, "blkio.throttle.io_service_bytes_recursive") ? "blkio.throttle."
                : "blkio.";
        stats.blkio.put("ioServiceBytesRecursive", entries(dir, prefix + "io_service_bytes_recursive"));
        stats.blkio.put("ioServicedRecursive", entries(dir, prefix + "io_serviced_recursive"));
    }

    /** Lines "8:0 Read 4096"; the closing "Total n" line is not per device. */
    private static List<Map<String, Object>> entries(Path dir, String file) throws CgroupException {
        List<Map<String, Object>> entries = new ArrayList<>();
        if (!CgroupFiles.exists(dir, file)) {
            return entries;
        }
        for (String line : CgroupFiles.read(dir, file).split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length == 3 && words[0].contains(":")) {
                String[] device = words[0].split(":");
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("major", Long.parseLong(device[0]));
                entry.put("minor", Long.parseLong(device[1]));
                entry.put("op", words[1]);
                entry.put("value", Long.parseLong(words[2]));
                entries.add(entry);
            }
        }
        return entries;
    }
}
