package io.husk.backend.cgroupv1;

import io.husk.backend.cgroupfs.CgroupFiles;
import io.husk.backend.cgroupfs.Controller;
import io.husk.backend.cgroupfs.Fields;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.Resources;
import java.nio.file.Path;
import java.util.List;

/** Each rule written in the listed order to devices.allow or devices.deny, so later rules win as in OCI. */
final class DevicesV1 implements Controller {

    @Override
    public String name() {
        return "devices";
    }

    @Override
    public List<String> fields(Resources r) {
        return Fields.devices(r);
    }

    @Override
    public void validate(Resources r, Path hierarchy) throws CgroupException {
        for (Resources.DeviceRule rule : r.devices()) {
            line(rule);
        }
    }

    @Override
    public void apply(Path dir, Resources r) throws CgroupException {
        for (Resources.DeviceRule rule : r.devices()) {
            CgroupFiles.write(dir, rule.allow() ? "devices.allow" : "devices.deny", line(rule));
        }
    }

    /** "c 1:3 rwm"; a missing type means all devices, a missing number any ("*"). */
    static String line(Resources.DeviceRule rule) throws CgroupException {
        String type = rule.type() == null ? "a" : rule.type();
        String access = rule.access() == null || rule.access().isEmpty() ? "rwm" : rule.access();
        if (!type.matches("[abc]") || !access.matches("[rwm]+")) {
            throw CgroupException.about(Fields.PREFIX + "devices", "invalid rule type \"" + type + "\" access \""
                    + access + "\"");
        }
        return type + " " + number(rule.major()) + ":" + number(rule.minor()) + " " + access;
    }

    private static String number(Long n) {
        return n == null || n < 0 ? "*" : Long.toString(n);
    }
}
