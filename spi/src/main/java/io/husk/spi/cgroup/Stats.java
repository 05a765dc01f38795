package io.husk.spi.cgroup;

import java.util.Map;

/**
 * Usage figures in the shape of runc's {@code events --stats} data. Each map holds the controller's raw
 * counters by runc's field names; a controller the host lacks is absent.
 */
public record Stats(Map<String, Object> cpu, Map<String, Object> memory, Map<String, Object> pids,
                    Map<String, Object> blkio, Map<String, Object> hugetlb) {
}
