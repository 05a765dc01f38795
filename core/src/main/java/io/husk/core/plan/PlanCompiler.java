package io.husk.core.plan;

import io.husk.core.config.Spec;
import io.husk.core.hooks.HookSteps;
import io.husk.nativeinit.Op;
import io.husk.nativeinit.Plan;
import io.husk.nativeinit.Step;
import io.husk.spi.rootfs.MountRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a validated config into the ordered plan husk-init executes for a new container. The order encodes
 * the kernel's constraints (see process-model.md): cgroup before the cgroup namespace, joined namespaces before
 * the clone, mounts before pivot_root, READY before the gate, privileges dropped last.
 */
public final class PlanCompiler {
    private PlanCompiler() {
    }

    public static Plan compile(PlanInput in) {
        Spec spec = in.spec();
        List<Step> steps = new ArrayList<>();
        for (Path procs : in.cgroupProcs()) {
            steps.add(Step.of(Op.CGROUP_JOIN, procs.toString()));
        }
        if (spec.process().oomScoreAdj() != null) {
            steps.add(Step.of(Op.OOM_SCORE_ADJ, spec.process().oomScoreAdj()));
        }
        // The gate and start.err live in husk's state directory, which a new user namespace's root cannot open:
        // they are opened on the host, before the clone, which inherits them.
        steps.add(Step.of(Op.GATE_OPEN, in.gate().kind(), in.gate().path().toString()));
        int beforeNamespaces = steps.size();
        NamespaceSteps.add(spec.linux(), steps);
        steps.add(Step.of(Op.SETSID));
        NamespaceSteps.addLoopback(spec.linux(), steps); // the init is in its network namespace from here on
        KeyringStep.add(in.sessionKeyring(), steps);
        MountSteps mounts = new MountSteps(in);
        mounts.addRootfs(steps);
        mounts.addConfigMounts(steps);
        steps.addAll(beforeNamespaces, mounts.onHost()); // with the host's privileges, before any namespace
        DeviceSteps.add(spec, NamespaceSteps.has(spec.linux(), "user"), mounts.devIsHostBind(), steps);
        HookSteps.beforePivot(spec, steps);
        mounts.addEnterRoot(steps);
        ProcessSteps process = new ProcessSteps(in);
        process.addSysctls(steps); // before readonlyPaths make /proc/sys read-only
        List<Step> console = new ArrayList<>();
        ConsoleStep.add(spec.process(), in.preserveFds(), true, console);
        mounts.addAfterPivot(steps, console);
        process.addBeforeReady(steps);
        steps.add(Step.of(Op.READY, 0L));
        steps.add(Step.of(Op.GATE_WAIT));
        HookSteps.afterGate(spec, steps);
        process.addPrivileges(steps);
        steps.add(process.exec());
        return new Plan(steps);
    }

    /** Whether the container works in the host's mount namespace: linux.namespaces names no mount namespace. */
    public static boolean inheritsMountNamespace(Spec spec) {
        return !NamespaceSteps.has(spec.linux(), "mount");
    }

    /** A new pid namespace: the kernel kills every process in it when the container's init dies. */
    public static boolean ownsPidNamespace(Spec spec) {
        return NamespaceSteps.creates(spec.linux(), "pid");
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    static Step hostMount(MountRequest m) {
        return Step.of(Op.MOUNT_HOST, orEmpty(m.source()), m.target(), orEmpty(m.fstype()), m.flags(),
                orEmpty(m.data()));
    }
}
