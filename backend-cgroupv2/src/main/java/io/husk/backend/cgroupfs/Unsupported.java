package io.husk.backend.cgroupfs;

import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.Resources;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** Stands for resources a cgroup version has no controller for, so check() can name and refuse them. */
public final class Unsupported implements Controller {
    private final String name;
    private final Function<Resources, List<String>> fields;

    public Unsupported(String name, Function<Resources, List<String>> fields) {
        this.name = name;
        this.fields = fields;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> fields(Resources r) {
        return fields.apply(r);
    }

    @Override
    public void apply(Path dir, Resources r) throws CgroupException {
        throw CgroupException.about(fields(r).getFirst(), "not supported by this cgroup version");
    }
}
