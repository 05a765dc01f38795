package io.husk.backend.cgroupv1;

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

/** hugetlb.&lt;size&gt;.limit_in_bytes per page size. */
final class HugetlbV1 implements Controller {

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
            CgroupFiles.write(dir, "hugetlb." + l.pageSize() + ".limit_in_bytes", Long.toString(l.limit()));
        }
    }

    @Override
    public void stats(Path dir, StatsBuilder stats) throws CgroupException {
        for (String size : HugePageSizes.host()) {
            String prefix = "hugetlb." + size + ".";
            if (CgroupFiles.exists(dir, prefix + "usage_in_bytes")) {
                Map<String, Object> page = StatsBuilder.child(stats.hugetlb, size);
                page.put("usage", CgroupFiles.readLong(dir, prefix + "usage_in_bytes"));
                page.put("max", CgroupFiles.readLong(dir, prefix + "max_usage_in_bytes"));
                page.put("failcnt", CgroupFiles.readLong(dir, prefix + "failcnt"));
            }
        }
    }
}
