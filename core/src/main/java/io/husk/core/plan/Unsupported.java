package io.husk.core.plan;

import io.husk.core.HuskException;
import io.husk.core.config.Spec;

/**
 * Config features this version of husk cannot honour yet. They are refused by name rather than ignored, so a
 * container never starts with less isolation than its config asked for.
 */
public final class Unsupported {
    private Unsupported() {
    }

    public static void refuse(Spec spec) {
        Spec.Process p = spec.process();
        if (spec.linux() != null && spec.linux().seccomp() != null) {
            throw new HuskException("linux.seccomp: seccomp filters are not supported by this version of husk");
        }
        if (p.apparmorProfile() != null && !p.apparmorProfile().isEmpty()) {
            throw new HuskException("process.apparmorProfile: this host has no AppArmor");
        }
        if (p.selinuxLabel() != null && !p.selinuxLabel().isEmpty()) {
            throw new HuskException("process.selinuxLabel: this host has no SELinux");
        }
        if (p.scheduler() != null) {
            throw new HuskException("process.scheduler: not supported by this version of husk");
        }
        if (p.ioPriority() != null) {
            throw new HuskException("process.ioPriority: not supported by this version of husk");
        }
        if (spec.linux() != null && spec.linux().personality() != null) {
            throw new HuskException("linux.personality: not supported by this version of husk");
        }
    }
}
