package io.husk.backend.cgroupv2;

import io.husk.backend.cgroupfs.CgroupFiles;
import io.husk.backend.cgroupfs.Controller;
import io.husk.backend.cgroupfs.Fields;
import io.husk.backend.cgroupfs.HugePageSizes;
import io.husk.backend.cgroupfs.StatsBuilder;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.Resources;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** hugetlb.&lt;size&gt;.max per page size. */
public final class HugetlbV2 implements Controller {

    @Override
    public String name() {
        return "hugetlb";
    }

    @Override
    public List<String> fields(Resources r) {
        return Fields.hugetlb(r);
    }

    @Override
    public void validate(Resources r, Path hierarchy) throws CgroupException {
        HugePageSizes.requireAll(r.hugepageLimits());
    }

    @Override
    public void apply(Path dir, Resources r) throws CgroupException {
        for (Resources.HugepageLimit l : r.hugepageLimits()) {
            CgroupFiles.write(dir, "hugetlb." + l.pageSize() + ".max", Conversions.limit(l.limit()));
        }
    }

    @Override
    public void stats(Path dir, StatsBuilder stats) throws CgroupException {
        for (String size : HugePageSizes.host()) {
            if (!CgroupFiles.exists(dir, "hugetlb." + size + ".current")) {
                continue;
            }
            Map<String, Object> page = StatsBuilder.child(stats.hugetlb, size);
            page.put("usage", CgroupFiles.readLong(dir, "hugetlb." + size + ".current"));
            CgroupFiles.readIfExists(dir, "hugetlb." + size + ".max").ifPresent(v -> page.put("max",
                    Values.number(v)));
            page.put("failcnt", CgroupFiles.readKeyValues(dir, "hugetlb." + size + ".events")
                    .getOrDefault("max", 0L));
        }
    }
}
