package io.husk.core.plan;

import static io.husk.core.plan.MountOptions.MS_BIND;
import static io.husk.core.plan.MountOptions.MS_NODEV;
import static io.husk.core.plan.MountOptions.MS_NOEXEC;
import static io.husk.core.plan.MountOptions.MS_NOSUID;
import static io.husk.core.plan.MountOptions.MS_PRIVATE;
import static io.husk.core.plan.MountOptions.MS_RDONLY;
import static io.husk.core.plan.MountOptions.MS_REC;
import static io.husk.core.plan.MountOptions.MS_SLAVE;

import io.husk.core.HuskException;
import io.husk.core.config.Spec;
import io.husk.core.log.Log;
import io.husk.nativeinit.Op;
import io.husk.nativeinit.Step;
import io.husk.spi.rootfs.MountRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The filesystem part of a plan: the rootfs strategy's mounts, the config's mounts, paths after pivot. */
final class MountSteps {
    private static final int KIND_DIR = 1, KIND_FILE = 2;

    private final PlanInput in;
    private final Spec spec;
    private boolean devIsHostBind;
    /** Read-only and recursive attributes of mounts that had others made below them; applied after pivot. */
    private final List<Step> deferred = new ArrayList<>();
    /** Steps for the host, before the clone: the idmapped trees, in the order their mounts come. */
    private final List<Step> onHost = new ArrayList<>();

    MountSteps(PlanInput in) {
        this.in = in;
        this.spec = in.spec();
    }

    /**
     * Makes the mount tree private to the container, then builds the root with the strategy's mounts. Without a
     * mount namespace of its own the container works in the host's mount table: the host's propagation stays as
     * it is and only the root, the strategy's own new mount, is made private, so nothing mounted below it
     * reaches other namespaces. Teardown unmounts all of it (HostMounts).
     */
    void addRootfs(List<Step> steps) {
        boolean ownMounts = NamespaceSteps.has(spec.linux(), "mount");
        if (!ownMounts && NamespaceSteps.has(spec.linux(), "user")) {
            // Its root could not mount anything in the host's mount namespace, which it does not own.
            throw new HuskException("linux.namespaces: a user namespace needs a mount namespace beside it");
        }
        if (!ownMounts && in.rootfs().root().getParent() == null) {
            throw new HuskException("root.path: without a mount namespace the root cannot be the host's /");
        }
        if (ownMounts) {
            // Nothing mounted from here on may propagate back to the host.
            steps.add(Step.of(Op.PROPAGATION, "/", MS_SLAVE | MS_REC));
        }
        for (MountRequest m : in.rootfs().mounts()) {
            steps.add(PlanCompiler.hostMount(m));
        }
        if (!ownMounts) {
            steps.add(Step.of(Op.PROPAGATION, in.rootfs().root().toString(), MS_PRIVATE | MS_REC));
        }
        steps.add(Step.of(Op.ROOTFS, in.rootfs().root().toString()));
    }

    /** Enters the finished root: pivot_root in the container's mount namespace, else chroot (see addRootfs). */
    void addEnterRoot(List<Step> steps) {
        if (NamespaceSteps.has(spec.linux(), "mount")) {
            steps.add(Step.of(Op.PIVOT_ROOT, in.noPivot() ? 1 : 0));
        } else {
            Log.debug("no mount namespace: the root is built in the host's mount table and entered with chroot");
            steps.add(Step.of(Op.CHROOT, ""));
        }
    }

    void addConfigMounts(List<Step> steps) {
        List<Spec.Mount> mounts = spec.mounts() == null ? List.of() : spec.mounts();
        List<String> dests = mounts.stream().map(m -> normalize(m.destination())).toList();
        for (int i = 0; i < mounts.size(); i++) {
            String field = "mounts[" + i + "]";
            int made = steps.size(), later = deferred.size();
            add(mounts.get(i), field, hasMountBelow(dests, i), steps);
            Step.tag(steps, made, field);
            Step.tag(deferred, later, field);
        }
    }

    /** What the config's mounts need done on the host before the clone (idmapped trees). */
    List<Step> onHost() {
        return onHost;
    }

    boolean devIsHostBind() {
        return devIsHostBind;
    }

    /**
     * Whether later mounts (or, for /dev, device nodes) go below mount i. Such a mount is made writable, and
     * read-only and recursive attributes are applied once everything below exists (see {@link #deferred}).
     */
    private static boolean hasMountBelow(List<String> dests, int i) {
        String d = dests.get(i);
        if (d.equals("/dev")) {
            return true;
        }
        String prefix = d.equals("/") ? "/" : d + "/";
        for (int j = i + 1; j < dests.size(); j++) {
            if (dests.get(j).startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private void add(Spec.Mount m, String field, boolean below, List<Step> steps) {
        String type = m.type() == null ? "" : m.type();
        MountOptions.Parsed o = MountOptions.parse(m.options(), type, field + ".options");
        String dest = normalize(m.destination());
        if ("cgroup".equals(type) || "cgroup2".equals(type)) {
            addCgroup(dest, o, steps);
            return;
        }
        boolean bind = o.bind();
        if (!bind && type.isEmpty()) {
            throw new HuskException(field + ".type: missing (only a bind mount may leave it out)");
        }
        if (bind && (m.source() == null || m.source().isEmpty())) {
            throw new HuskException(field + ".source: a bind mount needs a source");
        }
        String source = m.source() == null ? "" : m.source();
        int kind = KIND_DIR;
        if (bind) {
            Path src = in.bundle().resolve(source);
            if (!Files.exists(src)) {
                throw new HuskException(field + ".source: " + src + " does not exist");
            }
            source = src.toString();
            kind = Files.isDirectory(src) ? KIND_DIR : KIND_FILE;
            if (dest.equals("/dev")) {
                devIsHostBind = true;
            }
        }
        IdmapSteps.checkMappings(m, o, field);
        if (o.idmap() != MountOptions.Idmap.NONE) {
            onHost.add(IdmapSteps.tree(m, o, field, source).from(field));
            steps.add(IdmapSteps.mount(onHost.size() - 1, dest, kind));
            return;
        }
        long flags = o.flags() | (bind ? MS_BIND : 0);
        if ((below || o.copyUp()) && (flags & MS_RDONLY) != 0) { // the copy must land before ro
            flags &= ~MS_RDONLY;
            deferred.add(Step.of(Op.REMOUNT_RO, dest));
        }
        steps.add(Step.of(Op.MOUNT, source, dest, bind ? "" : type, flags, o.data(), kind, o.propagation(),
                dest.equals("/proc") || dest.equals("/sys") ? 1 : 0, o.copyUp() ? 1 : 0));
        if (o.recursive()) {
            (below ? deferred : steps).add(Step.of(Op.MOUNT_SETATTR, dest, o.attrSet(), o.attrClr()));
        }
    }

    /**
     * A cgroup mount shows the container's own cgroups: on a unified-only host its cgroup2 directory; on a v1
     * or hybrid host a tmpfs holding one bind of the container's directory per hierarchy, as runc does.
     */
    private void addCgroup(String dest, MountOptions.Parsed o, List<Step> steps) {
        long flags = o.flags() | MS_NOSUID | MS_NODEV | MS_NOEXEC;
        if (in.cgroup2Only()) {
            Path dir = in.cgroupDirs().get("");
            steps.add(Step.of(Op.MOUNT, dir.toString(), dest, "", flags | MS_BIND | MS_REC, "", KIND_DIR, 0L, 0, 0));
            return;
        }
        steps.add(Step.of(Op.MOUNT, "tmpfs", dest, "tmpfs", flags & ~MountOptions.MS_RDONLY, "mode=755",
                KIND_DIR, 0L, 0, 0));
        for (Map.Entry<String, Path> h : in.cgroupDirs().entrySet()) {
            steps.add(Step.of(Op.MOUNT, h.getValue().toString(), dest + "/" + h.getKey(), "",
                    flags | MS_BIND | MS_REC, "", KIND_DIR, 0L, 0, 0));
        }
        if ((o.flags() & MountOptions.MS_RDONLY) != 0) {
            steps.add(Step.of(Op.REMOUNT_RO, dest));
        }
    }

    /**
     * The paths after pivot_root. {@code beforeReadOnly} are steps that still write to the tree (the console
     * makes /dev/console): they come before a deferred read-only /dev, the masked and read-only paths and a
     * read-only root.
     */
    void addAfterPivot(List<Step> steps, List<Step> beforeReadOnly) {
        String cwd = spec.process().cwd();
        if (cwd != null && !cwd.isEmpty()) {
            steps.add(Step.of(Op.MKDIR, cwd).from("process.cwd")); // while the root may still be written to
        }
        steps.addAll(beforeReadOnly);
        steps.addAll(deferred);
        Spec.Linux linux = spec.linux();
        if (linux != null && linux.rootfsPropagation() != null && !linux.rootfsPropagation().isEmpty()) {
            steps.add(Step.of(Op.PROPAGATION, "/", MountOptions.propagation(linux.rootfsPropagation())));
        }
        if (linux != null && linux.maskedPaths() != null) {
            for (int i = 0; i < linux.maskedPaths().size(); i++) {
                steps.add(Step.of(Op.MASK, linux.maskedPaths().get(i)).from("linux.maskedPaths[" + i + "]"));
            }
        }
        if (linux != null && linux.readonlyPaths() != null) {
            for (int i = 0; i < linux.readonlyPaths().size(); i++) {
                steps.add(Step.of(Op.READONLY, linux.readonlyPaths().get(i)).from("linux.readonlyPaths[" + i + "]"));
            }
        }
        if (spec.root().readonly() != null && spec.root().readonly()) {
            steps.add(Step.of(Op.REMOUNT_RO, "/"));
        }
    }

    static String normalize(String dest) {
        String d = dest.startsWith("/") ? dest : "/" + dest;
        while (d.length() > 1 && d.endsWith("/")) {
            d = d.substring(0, d.length() - 1);
        }
        return d;
    }
}
