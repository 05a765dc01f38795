package io.husk.core.cgroup;

import io.husk.core.config.Spec;
import io.husk.spi.cgroup.Resources;
import io.husk.spi.cgroup.Resources.DeviceRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The device cgroup rules a container gets: the config's rules in their order (deny-all when it lists none),
 * then allowances for the devices every container has (/dev/null, /dev/zero, ..., ptys) and for the config's
 * own {@code linux.devices}. Without those allowances the init could not even create /dev/null.
 */
public final class DeviceAllowances {
    private static final List<DeviceRule> DEFAULTS = List.of(
            rule("c", null, null, "m"), rule("b", null, null, "m"),
            rule("c", 1L, 3L, "rwm"), rule("c", 1L, 5L, "rwm"), rule("c", 1L, 7L, "rwm"),
            rule("c", 1L, 8L, "rwm"), rule("c", 1L, 9L, "rwm"), rule("c", 5L, 0L, "rwm"),
            rule("c", 5L, 1L, "rwm"), rule("c", 5L, 2L, "rwm"), rule("c", 136L, null, "rwm"),
            rule("c", 10L, 200L, "rwm"));

    private DeviceAllowances() {
    }

    public static Resources apply(Resources r, Spec.Linux linux) {
        List<DeviceRule> rules = new ArrayList<>();
        if (r.devices() == null || r.devices().isEmpty()) {
            rules.add(new DeviceRule(false, "a", null, null, "rwm"));
        } else {
            rules.addAll(r.devices());
        }
        rules.addAll(DEFAULTS);
        if (linux != null && linux.devices() != null) {
            for (Spec.Device d : linux.devices()) {
                if ("p".equals(d.type())) {
                    continue; // a fifo is no device to the device controller
                }
                String type = "u".equals(d.type()) ? "c" : d.type();
                rules.add(rule(type, d.major(), d.minor(), "rwm"));
            }
        }
        return new Resources(r.memory(), r.cpu(), r.pids(), r.blockIo(), r.hugepageLimits(), r.network(),
                List.copyOf(rules), r.unified(), r.rdma());
    }

    private static DeviceRule rule(String type, Long major, Long minor, String access) {
        return new DeviceRule(true, type, major, minor, access);
    }
}
