package io.husk.core.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.husk.spi.cgroup.Resources;
import io.husk.spi.cgroup.Resources.DeviceRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceAllowancesTest {

    private static boolean grants(List<DeviceRule> rules, long major, long minor) {
        return rules.stream().anyMatch(r -> r.allow() && "c".equals(r.type()) && r.access().contains("w")
                && (r.major() == null || r.major() == major) && (r.minor() == null || r.minor() == minor));
    }

    @Test
    void withoutRulesEverythingIsDeniedFirstThenTheDefaultsAllowed() {
        List<DeviceRule> rules = DeviceAllowances.apply(Resources.none()).devices();
        assertEquals(new DeviceRule(false, "a", null, null, "rwm"), rules.getFirst());
        assertEquals(true, grants(rules, 1, 3), "/dev/null");
        assertEquals(true, grants(rules, 136, 7), "a pty");
    }

    /** The host's console is not the container's: its own console is a pty (c 136:*). */
    @Test
    void theHostsConsoleIsNotAllowed() {
        assertFalse(grants(DeviceAllowances.apply(Resources.none()).devices(), 5, 1));
    }

    /** An engine's --device /dev/fuse:/dev/fuse:r writes an "r" rule; nothing widens it to rwm. */
    @Test
    void theConfigsRuleIsTheOnlyAccessANonDefaultDeviceGets() {
        DeviceRule readOnly = new DeviceRule(true, "c", 10L, 229L, "r");
        Resources r = new Resources(null, null, null, null, null, null,
                List.of(new DeviceRule(false, "a", null, null, "rwm"), readOnly), null, null);
        List<DeviceRule> rules = DeviceAllowances.apply(r).devices();
        assertFalse(grants(rules, 10, 229));
        assertEquals(readOnly, rules.get(1));
    }
}
