package io.husk.backend.cgroupv2;

import io.husk.backend.cgroupfs.CgroupFiles;
import io.husk.backend.cgroupfs.Controller;
import io.husk.backend.cgroupfs.Fields;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.Resources;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * linux.resources.unified: raw "file": "value" pairs written as given. A key is accepted only when its
 * controller (the part before the first dot) is enabled here, or it is a core "cgroup.*" file.
 */
public final class UnifiedKeys implements Controller {
    private final Set<String> available;

    /** @param available the controllers this cgroup can have (cgroup.controllers of its parent) */
    public UnifiedKeys(Set<String> available) {
        this.available = available;
    }

    @Override
    public String name() {
        return "unified";
    }

    @Override
    public List<String> fields(Resources r) {
        return Fields.unified(r).keySet().stream().map(Fields::unified).toList();
    }

    @Override
    public void validate(Resources r, Path hierarchy) throws CgroupException {
        for (String key : Fields.unified(r).keySet()) {
            String controller = key.contains(".") ? key.substring(0, key.indexOf('.')) : "";
            if (key.contains("/") || controller.isEmpty()) {
                throw CgroupException.about(Fields.unified(key), "not a cgroup interface file name");
            }
            if (!controller.equals("cgroup") && !available.contains(controller)) {
                throw CgroupException.about(Fields.unified(key), "the " + controller
                        + " controller is not available in the cgroup v2 hierarchy");
            }
        }
    }

    @Override
    public void apply(Path dir, Resources r) throws CgroupException {
        for (Map.Entry<String, String> entry : Fields.unified(r).entrySet()) {
            CgroupFiles.write(dir, entry.getKey(), entry.getValue());
        }
    }
}
