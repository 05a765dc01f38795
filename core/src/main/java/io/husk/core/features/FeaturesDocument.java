package io.husk.core.features;

import java.util.List;
import java.util.Map;

/**
 * The runtime-spec's features document (features.md, features-linux.md), as of the version husk implements:
 * member names and order are the spec's. A null member is left out, which the spec reads as "unknown".
 */
public record FeaturesDocument(String ociVersionMin, String ociVersionMax, List<String> hooks,
                               List<String> mountOptions, Linux linux, Map<String, String> annotations) {

    public record Linux(List<String> namespaces, List<String> capabilities, Cgroup cgroup, Seccomp seccomp,
                        Enabled apparmor, Enabled selinux, Enabled intelRdt, MountExtensions mountExtensions) {
    }

    public record Cgroup(Boolean v1, Boolean v2, Boolean systemd, Boolean systemdUser, Boolean rdma) {
    }

    public record Seccomp(Boolean enabled, List<String> actions, List<String> operators, List<String> archs,
                          List<String> knownFlags, List<String> supportedFlags) {
    }

    /** The spec's {@code {"enabled": ...}} objects. */
    public record Enabled(Boolean enabled) {
    }

    public record MountExtensions(Enabled idmap) {
    }
}
