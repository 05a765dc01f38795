package io.husk.core.plan;

import io.husk.core.HuskException;
import io.husk.core.config.Spec;
import io.husk.core.log.Log;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Linux security modules. A profile or label the config demands is refused when the host lacks that LSM, so a
 * container never starts with less isolation than its config asked for (with the LSM, {@code ProcessSteps}
 * sets it for the payload's execve); a mount label without SELinux has nothing to label and is only logged.
 */
public final class Unsupported {
    private static final Path APPARMOR = Path.of("/sys/kernel/security/apparmor");
    private static final Path SELINUX = Path.of("/sys/fs/selinux/enforce");

    private Unsupported() {
    }

    public static void refuse(Spec spec) {
        refuse(spec, Files.isDirectory(APPARMOR), Files.exists(SELINUX));
    }

    static void refuse(Spec spec, boolean apparmor, boolean selinux) {
        Spec.Process p = spec.process();
        if (p.apparmorProfile() != null && !p.apparmorProfile().isEmpty() && !apparmor) {
            throw new HuskException("process.apparmorProfile: this host has no AppArmor; refusing to run without"
                    + " profile " + p.apparmorProfile());
        }
        if (p.selinuxLabel() != null && !p.selinuxLabel().isEmpty() && !selinux) {
            throw new HuskException("process.selinuxLabel: this host has no SELinux; refusing to run without label "
                    + p.selinuxLabel());
        }
        String mountLabel = spec.linux() == null ? null : spec.linux().mountLabel();
        if (mountLabel != null && !mountLabel.isEmpty()) {
            if (selinux) {
                throw new HuskException("linux.mountLabel: SELinux mount labels are not supported by this version"
                        + " of husk");
            }
            Log.debug("linux.mountLabel " + mountLabel + " ignored: this host has no SELinux");
        }
    }
}
