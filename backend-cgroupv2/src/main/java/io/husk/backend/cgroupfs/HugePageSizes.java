package io.husk.backend.cgroupfs;

import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.Resources;
import java.io.File;
import java.util.ArrayList;
import java.util.List;

/** The huge page sizes the kernel offers, named as hugetlb files name them ("2MB", "1GB"). */
public final class HugePageSizes {
    private static final File SYSFS = new File("/sys/kernel/mm/hugepages");

    private HugePageSizes() {
    }

    public static List<String> host() {
        String[] entries = SYSFS.list();
        List<String> sizes = new ArrayList<>();
        if (entries != null) {
            for (String entry : entries) {
                if (entry.startsWith("hugepages-") && entry.endsWith("kB")) {
                    sizes.add(name(Long.parseLong(entry.substring("hugepages-".length(), entry.length() - 2))));
                }
            }
        }
        return sizes;
    }

    /** 2048 kB → "2MB", 1048576 kB → "1GB", as the kernel's hugetlb cgroup names its files. */
    static String name(long kiloBytes) {
        if (kiloBytes >= 1 << 20 && kiloBytes % (1 << 20) == 0) {
            return (kiloBytes >> 20) + "GB";
        }
        if (kiloBytes >= 1 << 10 && kiloBytes % (1 << 10) == 0) {
            return (kiloBytes >> 10) + "MB";
        }
        return kiloBytes + "KB";
    }

    public static void requireAll(List<Resources.HugepageLimit> limits) throws CgroupException {
        List<String> sizes = host();
        for (Resources.HugepageLimit limit : limits) {
            if (!sizes.contains(limit.pageSize())) {
                throw CgroupException.about(Fields.PREFIX + "hugepageLimits", "page size \"" + limit.pageSize()
                        + "\" is not offered by this kernel (it has " + String.join(", ", sizes) + ")");
            }
        }
    }
}
