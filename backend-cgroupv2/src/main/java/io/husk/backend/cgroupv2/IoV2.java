package io.husk.backend.cgroupv2;

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

/** io.weight (or io.bfq.weight) and io.max throttles from the OCI blockIO object. */
public final class IoV2 implements Controller {

    @Override
    public String name() {
        return "io";
    }

    @Override
    public List<String> fields(Resources r) {
        return Fields.blockIo(r);
    }

    @Override
    public void validate(Resources r, Path hierarchy) throws CgroupException {
        Resources.BlockIo b = r.blockIo();
        boolean leaf = b.leafWeight() != null
                || (b.weightDevice() != null && b.weightDevice().stream().anyMatch(d -> d.leafWeight() != null));
        if (leaf) {
            throw CgroupException.about(Fields.PREFIX + "blockIO.leafWeight", "cgroup v2 has no leaf weight");
        }
    }

    @Override
    public void apply(Path dir, Resources r) throws CgroupException {
        Resources.BlockIo b = r.blockIo();
        if (b.weight() != null && b.weight() != 0) {
            write(dir, weightFile(dir), Long.toString(Conversions.ioWeightFromBlkio(b.weight())));
        }
        if (b.weightDevice() != null) {
            for (Resources.WeightDevice d : b.weightDevice()) {
                if (d.weight() != null) {
                    write(dir, weightFile(dir), d.major() + ":" + d.minor() + " "
                            + Conversions.ioWeightFromBlkio(d.weight()));
                }
            }
        }
        throttle(dir, "rbps", b.throttleReadBpsDevice());
        throttle(dir, "wbps", b.throttleWriteBpsDevice());
        throttle(dir, "riops", b.throttleReadIopsDevice());
        throttle(dir, "wiops", b.throttleWriteIopsDevice());
    }

    /** io.weight needs the cost model; with BFQ the weight lives in io.bfq.weight instead. */
    private static String weightFile(Path dir) {
        return CgroupFiles.exists(dir, "io.weight") || !CgroupFiles.exists(dir, "io.bfq.weight")
                ? "io.weight" : "io.bfq.weight";
    }

    /** A rate of 0 lifts the throttle, as in v1. */
    private static void throttle(Path dir, String key, List<Resources.ThrottleDevice> devices)
            throws CgroupException {
        if (devices == null) {
            return;
        }
        for (Resources.ThrottleDevice d : devices) {
            String rate = d.rate() <= 0 ? "max" : Long.toString(d.rate());
            write(dir, "io.max", d.major() + ":" + d.minor() + " " + key + "=" + rate);
        }
    }

    /** io.stat lines ("8:0 rbytes=1 wbytes=2 rios=3 wios=4 ...") as runc's recursive blkio entries. */
    @Override
    public void stats(Path dir, StatsBuilder stats) throws CgroupException {
        List<Map<String, Object>> bytes = new ArrayList<>();
        List<Map<String, Object>> ios = new ArrayList<>();
        for (String line : CgroupFiles.read(dir, "io.stat").split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length < 2 || !words[0].contains(":")) {
                continue;
            }
            String[] device = words[0].split(":");
            for (int i = 1; i < words.length; i++) {
                String[] kv = words[i].split("=");
                switch (kv[0]) {
                    case "rbytes" -> bytes.add(entry(device, "Read", kv[1]));
                    case "wbytes" -> bytes.add(entry(device, "Write", kv[1]));
                    case "rios" -> ios.add(entry(device, "Read", kv[1]));
                    case "wios" -> ios.add(entry(device, "Write", kv[1]));
                    default -> { }
                }
            }
        }
        stats.blkio.put("ioServiceBytesRecursive", bytes);
        stats.blkio.put("ioServicedRecursive", ios);
    }

    static Map<String, Object> entry(String[] device, String op, String value) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("major", Long.parseLong(device[0]));
        entry.put("minor", Long.parseLong(device[1]));
        entry.put("op", op);
        entry.put("value", Long.parseLong(value));
        return entry;
    }
}
