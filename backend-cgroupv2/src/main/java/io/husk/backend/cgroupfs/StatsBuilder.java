package io.husk.backend.cgroupfs;

import io.husk.spi.cgroup.Stats;
import java.util.LinkedHashMap;
import java.util.Map;

/** Collects the per-controller maps of {@link Stats} while controllers add what their host has. */
public final class StatsBuilder {
    public final Map<String, Object> cpu = new LinkedHashMap<>();
    public final Map<String, Object> memory = new LinkedHashMap<>();
    public final Map<String, Object> pids = new LinkedHashMap<>();
    public final Map<String, Object> blkio = new LinkedHashMap<>();
    public final Map<String, Object> hugetlb = new LinkedHashMap<>();

    /** A nested map, created on first use ("usage" inside "cpu"...). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> child(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }

    public Stats build() {
        return new Stats(orNull(cpu), orNull(memory), orNull(pids), orNull(blkio), orNull(hugetlb));
    }

    /** A controller the host lacks is absent rather than an empty object. */
    private static Map<String, Object> orNull(Map<String, Object> map) {
        return map.isEmpty() ? null : java.util.Collections.unmodifiableMap(map);
    }
}
