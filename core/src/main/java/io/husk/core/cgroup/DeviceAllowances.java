package io.husk.core.cgroup;

import io.husk.spi.cgroup.Resources;
import io.husk.spi.cgroup.Resources.DeviceRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The device cgroup rules a container gets: the config's rules in their order (deny-all when it lists none),
 * then allowances for the devices every container has (/dev/null, /dev/zero, ..., ptys). Without those the init
 * could not even create /dev/null. The config's own {@code linux.devices} get only what the blanket "m" rules
 * give (the init may create their nodes); reading or writing them takes a rule in linux.resources.devices, as
 * engines write one with the access the user asked for ({@code --device /dev/fuse:/dev/fuse:r}). /dev/console
 * (c 5:1) is not among the defaults: a container's console is its pty, and the host's console is not its own.
 */
public final class DeviceAllowances {
    private static final List<DeviceRule> DEFAULTS = List.of(
            rule("c", null, null, "m"), rule("b", null, null, "m"),
            rule("c", 1L, 3L, "rwm"), rule("c", 1L, 5L, "rwm"), rule("c", 1L, 7L, "rwm"),
            rule("c", 1L, 8L, "rwm"), rule("c", 1L, 9L, "rwm"), rule("c", 5L, 0L, "rwm"),
            rule("c", 5L, 2L, "rwm"), rule("c", 136L, null, "rwm"),
            rule("c", 10L, 200L, "rwm"));

    private DeviceAllowances() {
    }

    public static Resources apply(Resources r) {
        List<DeviceRule> rules = new ArrayList<>();
        if (r.devices() == null || r.devices().isEmpty()) {
            rules.add(new DeviceRule(false, "a", null, null, "rwm"));
        } else {
            rules.addAll(r.devices());
        }
        rules.addAll(DEFAULTS);
        return new Resources(r.memory(), r.cpu(), r.pids(), r.blockIo(), r.hugepageLimits(), r.network(),
                List.copyOf(rules), r.unified(), r.rdma());
    }

    private static DeviceRule rule(String type, Long major, Long minor, String access) {
        return new DeviceRule(true, type, major, minor, access);
    }
}
