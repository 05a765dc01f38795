package io.husk.backend.cgroupfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * husk's own cgroups from /proc/self/cgroup ("id:controllers:path" lines), which relative cgroupsPaths start
 * from. The unified hierarchy is the line with id 0 and no controllers.
 */
public final class SelfCgroup {
    public static final Path SELF = Path.of("/proc/self/cgroup");

    private final Map<String, String> pathByControllers;

    private SelfCgroup(Map<String, String> pathByControllers) {
        this.pathByControllers = pathByControllers;
    }

    public static SelfCgroup read() {
        return read(SELF);
    }

    public static SelfCgroup read(Path file) {
        try {
            return parse(CgroupFiles.lines(file));
        } catch (IOException e) {
            return parse(List.of());
        }
    }

    public static SelfCgroup parse(List<String> lines) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (String line : lines) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3) {
                paths.put(parts[1], parts[2]);
            }
        }
        return new SelfCgroup(paths);
    }

    /** This process's path in a hierarchy; "/" when the hierarchy is not listed. */
    public String pathIn(CgroupMount mount) {
        if (mount.unified()) {
            return pathByControllers.getOrDefault("", "/");
        }
        for (Map.Entry<String, String> entry : pathByControllers.entrySet()) {
            if (entry.getKey().isEmpty()) {
                continue;
            }
            for (String controller : entry.getKey().split(",")) {
                if (mount.controllers().contains(controller)) {
                    return entry.getValue();
                }
            }
        }
        return "/";
    }

    /**
     * The cgroup a container's cgroupsPath names in one hierarchy: absolute paths start at the hierarchy root,
     * relative ones at husk's own cgroup, as runc does.
     */
    public String resolve(String cgroupsPath, CgroupMount mount) {
        String base = cgroupsPath.startsWith("/") ? "/" : pathIn(mount);
        return Path.of(base).resolve(CgroupMount.withoutLeadingSlashes(cgroupsPath)).normalize().toString();
    }
}
