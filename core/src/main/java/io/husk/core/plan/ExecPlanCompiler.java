package io.husk.core.plan;

import io.husk.core.HuskException;
import io.husk.core.config.Spec;
import io.husk.nativeinit.Op;
import io.husk.nativeinit.Plan;
import io.husk.nativeinit.Step;
import io.husk.spi.IoErrors;
import io.husk.spi.rootfs.RootfsLayout;
import io.husk.spi.sync.SyncBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The plan of {@code exec}: join the container's cgroup and every namespace of its init (the user namespace
 * first, it grants the rights for the others; the mount namespace last, the other paths would not resolve
 * after it), fork into them (a joined pid namespace only takes children), then the same process steps as the
 * container's own process, READY (before a seccomp filter, which might forbid it) and the execve. No gate.
 */
public final class ExecPlanCompiler {
    /** /proc/PID/ns names in join order, and their types for NamespaceSteps' flags. */
    private static final List<String> ORDER = List.of("user", "cgroup", "ipc", "uts", "network", "pid", "time",
            "mount");

    private ExecPlanCompiler() {
    }

    /**
     * @param spec   the container's config with {@code process} replaced by the exec'd process
     * @param rootfs the container's root on the host (for the home directory of the user)
     * @param sessionKeyring the container's session keyring, which the process joins; null to keep the caller's
     */
    public static Plan compile(Spec spec, int initPid, List<Path> cgroupProcs, Path bundle, Path rootfs,
                               SyncBackend.Gate gate, int preserveFds, Consumer<String> warnings,
                               String sessionKeyring) {
        Spec execSpec = withoutContainerSettings(spec);
        List<Step> steps = new ArrayList<>();
        for (Path procs : cgroupProcs) {
            steps.add(Step.of(Op.CGROUP_JOIN, procs.toString()));
        }
        boolean joinsMounts = false;
        for (String type : ORDER) {
            String name = Namespaces.procName(type);
            Path target = Path.of("/proc", Integer.toString(initPid), "ns", name);
            if (differs(target, Path.of("/proc/self/ns", name))) {
                steps.add(Step.of(Op.SETNS, target.toString(), Namespaces.flag(type)));
                joinsMounts |= type.equals("mount");
            }
        }
        steps.add(Step.of(Op.CLONE, 0L, "", "", 1L));
        steps.add(Step.of(Op.SETSID));
        KeyringStep.add(sessionKeyring, steps);
        if (!joinsMounts) {
            // The init shares our mount namespace (it has none of its own): its root is only a chroot.
            steps.add(Step.of(Op.CHROOT, "/proc/" + initPid + "/root"));
        }
        PlanInput in = new PlanInput(execSpec, bundle, new RootfsLayout(rootfs, List.of()), cgroupProcs, Map.of(),
                false, gate, false, preserveFds, warnings);
        ProcessSteps process = new ProcessSteps(in);
        process.addBeforeReady(steps);
        ConsoleStep.add(execSpec.process(), preserveFds, false, steps); // /dev/console stays the init's
        List<Step> privileges = new ArrayList<>();
        process.addPrivileges(privileges);
        int seccomp = indexOf(privileges, Op.SECCOMP);
        // The control socket stays open (close-on-exec) past READY: its EOF is the execve, an ERROR is why it failed.
        privileges.add(seccomp < 0 ? privileges.size() : seccomp, Step.of(Op.READY, 1L));
        steps.addAll(privileges);
        steps.add(process.exec());
        return new Plan(steps);
    }

    /** Hostname, domainname and sysctls belong to the container, set once by its init; exec leaves them. */
    private static Spec withoutContainerSettings(Spec s) {
        Spec.Linux l = s.linux();
        Spec.Linux linux = l == null ? null : new Spec.Linux(l.uidMappings(), l.gidMappings(), null, l.resources(),
                l.cgroupsPath(), l.namespaces(), l.devices(), l.seccomp(), l.rootfsPropagation(), l.maskedPaths(),
                l.readonlyPaths(), l.mountLabel(), l.personality(), l.timeOffsets());
        return new Spec(s.ociVersion(), s.process(), s.root(), null, null, s.mounts(), null, s.annotations(), linux);
    }

    /** Whether the init's namespace is another one than ours (joining our own user namespace is an error). */
    private static boolean differs(Path theirs, Path ours) {
        Path mine;
        try {
            mine = Files.readSymbolicLink(ours);
        } catch (IOException e) {
            return false; // this kernel has no such namespace type
        }
        try {
            return !Files.readSymbolicLink(theirs).equals(mine);
        } catch (IOException e) {
            throw new HuskException("exec: the container's init has exited (" + theirs + ": " + IoErrors.reason(e)
                    + ")");
        }
    }

    private static int indexOf(List<Step> steps, Op op) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).op() == op) {
                return i;
            }
        }
        return -1;
    }
}
