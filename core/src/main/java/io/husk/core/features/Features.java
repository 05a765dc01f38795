package io.husk.core.features;

import io.husk.core.config.ConfigValidator;
import io.husk.core.hooks.HookPhase;
import io.husk.core.plan.Capabilities;
import io.husk.core.plan.MountOptions;
import io.husk.core.plan.Namespaces;
import io.husk.core.plugin.Plugins;
import io.husk.core.seccomp.SeccompNames;
import io.husk.core.seccomp.SeccompSupport;
import io.husk.spi.cgroup.CgroupDriver;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the features document from the tables husk itself works from (hook phases, mount options, namespace
 * types, capabilities, seccomp names) and from the backends that are installed, so it cannot drift from what
 * husk does. Only the LSM and Intel RDT answers are stated here: no table exists for them.
 */
public final class Features {
    /** The name of the cgroup v1 and v2 drivers (CgroupDriver.name()), and the rdma controller's. */
    private static final String V1 = "v1", V2 = "v2", RDMA = "rdma";

    private Features() {
    }

    public static FeaturesDocument of(Plugins plugins, String huskVersion) {
        SeccompSupport seccomp = SeccompSupport.probe();
        Map<String, String> annotations = new TreeMap<>();
        annotations.put("io.husk.version", huskVersion);
        String libseccomp = seccomp.libraryVersion();
        if (libseccomp != null) {
            annotations.put("io.github.seccomp.libseccomp.version", libseccomp);
        }
        List<String> mountOptions = MountOptions.names();
        FeaturesDocument.Enabled yes = new FeaturesDocument.Enabled(true);
        FeaturesDocument.Enabled idmap = new FeaturesDocument.Enabled(mountOptions.contains(MountOptions.IDMAP));
        FeaturesDocument.Linux linux = new FeaturesDocument.Linux(Namespaces.types().stream().sorted().toList(),
                Capabilities.all(), cgroup(plugins.all(CgroupDriver.class)), seccomp(seccomp),
                // ProcessSteps sets both labels for the payload's execve; Unsupported refuses them without the LSM.
                yes, yes,
                new FeaturesDocument.Enabled(false), // husk's config model has no linux.intelRdt
                new FeaturesDocument.MountExtensions(idmap));
        return new FeaturesDocument(ConfigValidator.OCI_VERSION_MIN, ConfigValidator.OCI_VERSION_MAX, hooks(),
                mountOptions, linux, annotations);
    }

    private static List<String> hooks() {
        return Arrays.stream(HookPhase.values()).map(HookPhase::specName).toList();
    }

    /**
     * v1 and v2 by the drivers installed (a package without one backend reports false for it); rdma when an
     * installed driver manages that controller. husk has no systemd driver: it refuses --systemd-cgroup.
     */
    static FeaturesDocument.Cgroup cgroup(List<CgroupDriver> drivers) {
        boolean v1 = false, v2 = false, rdma = false;
        for (CgroupDriver d : drivers) {
            v1 |= V1.equals(d.name());
            v2 |= V2.equals(d.name());
            rdma |= d.controllers().containsKey(RDMA);
        }
        return new FeaturesDocument.Cgroup(v1, v2, false, false, rdma);
    }

    /** Without libseccomp every profile is refused, so nothing but "not enabled" is true then. */
    private static FeaturesDocument.Seccomp seccomp(SeccompSupport s) {
        if (!s.available()) {
            return new FeaturesDocument.Seccomp(false, null, null, null, null, null);
        }
        return new FeaturesDocument.Seccomp(true, SeccompNames.actions(), SeccompNames.operators(),
                s.architectures(), SeccompNames.flags(), SeccompSupport.supportedFlags());
    }
}
