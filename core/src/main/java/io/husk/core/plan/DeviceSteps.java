package io.husk.core.plan;

import io.husk.core.config.Spec;
import io.husk.nativeinit.Op;
import io.husk.nativeinit.Step;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Device nodes: the spec's default set, then {@code linux.devices}; bind-mounted from the host in a user
 * namespace, new or joined, where mknod(2) of a device is never allowed.
 */
final class DeviceSteps {
    private static final int S_IFIFO = 0010000, S_IFCHR = 0020000, S_IFBLK = 0060000;

    private record Default(String path, int major, int minor) {
    }

    private static final List<Default> DEFAULTS = List.of(new Default("/dev/null", 1, 3),
            new Default("/dev/zero", 1, 5), new Default("/dev/full", 1, 7), new Default("/dev/random", 1, 8),
            new Default("/dev/urandom", 1, 9), new Default("/dev/tty", 5, 0));

    private DeviceSteps() {
    }

    static void add(Spec spec, boolean userns, boolean devIsHostBind, List<Step> steps) {
        if (devIsHostBind) {
            return; // the host's /dev is shown as it is
        }
        Set<String> configured = new HashSet<>();
        List<Spec.Device> devices = spec.linux() == null || spec.linux().devices() == null ? List.of()
                : spec.linux().devices();
        for (Spec.Device d : devices) {
            configured.add(d.path());
        }
        for (Default d : DEFAULTS) {
            if (!configured.contains(d.path())) {
                steps.add(userns ? Step.of(Op.BIND_DEVICE, d.path(), d.path())
                        : Step.of(Op.MKNOD, d.path(), S_IFCHR | 0666, d.major(), d.minor(), 0, 0));
            }
        }
        for (int i = 0; i < devices.size(); i++) {
            Spec.Device d = devices.get(i);
            int made = steps.size();
            if (userns) {
                steps.add(Step.of(Op.BIND_DEVICE, d.path(), d.path()));
            } else {
                int type = switch (d.type()) {
                    case "b" -> S_IFBLK;
                    case "p" -> S_IFIFO;
                    default -> S_IFCHR;
                };
                int mode = d.fileMode() == null ? 0666 : d.fileMode();
                steps.add(Step.of(Op.MKNOD, d.path(), type | (mode & 07777), d.major() == null ? 0 : d.major(),
                        d.minor() == null ? 0 : d.minor(), d.uid() == null ? 0 : d.uid(),
                        d.gid() == null ? 0 : d.gid()));
            }
            Step.tag(steps, made, "linux.devices[" + i + "]");
        }
        steps.add(Step.of(Op.SYMLINK, "/proc/self/fd", "/dev/fd"));
        steps.add(Step.of(Op.SYMLINK, "/proc/self/fd/0", "/dev/stdin"));
        steps.add(Step.of(Op.SYMLINK, "/proc/self/fd/1", "/dev/stdout"));
        steps.add(Step.of(Op.SYMLINK, "/proc/self/fd/2", "/dev/stderr"));
        steps.add(Step.of(Op.SYMLINK, "pts/ptmx", "/dev/ptmx"));
    }
}
