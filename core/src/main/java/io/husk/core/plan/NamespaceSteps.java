package io.husk.core.plan;

import io.husk.core.config.Spec;
import io.husk.nativeinit.Op;
import io.husk.nativeinit.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The namespace part of a plan: joins by path, the time namespace, and the clone that creates the rest. */
final class NamespaceSteps {
    private NamespaceSteps() {
    }

    static void add(Spec.Linux linux, List<Step> steps) {
        List<Spec.Namespace> all = linux == null || linux.namespaces() == null ? List.of() : linux.namespaces();
        List<Spec.Namespace> joins = new ArrayList<>();
        long flags = 0;
        // The notify listener's socket is a host path: connect before joining any namespace, while it still
        // resolves; the clone inherits the connection and the init sends the notify fd over it (seccomp.c).
        if (linux != null && linux.seccomp() != null && linux.seccomp().listenerPath() != null
                && !linux.seccomp().listenerPath().isEmpty()) {
            steps.add(Step.of(Op.SECCOMP_LISTENER, linux.seccomp().listenerPath()));
        }
        boolean newTime = false;
        for (Spec.Namespace n : all) {
            if (n.path() != null && !n.path().isEmpty()) {
                joins.add(n);
            } else if ("time".equals(n.type())) {
                newTime = true;
            } else {
                flags |= Namespaces.flag(n.type());
            }
        }
        // The user namespace first (it grants the rights to join the others), the mount namespace last (the
        // other paths would not resolve after it).
        joins.sort(Comparator.comparingInt(n -> "user".equals(n.type()) ? 0 : "mount".equals(n.type()) ? 2 : 1));
        for (Spec.Namespace n : joins) {
            steps.add(Step.of(Op.SETNS, n.path(), Namespaces.flag(n.type())));
        }
        if (newTime) {
            steps.add(Step.of(Op.TIMENS, timeOffsets(linux.timeOffsets())));
        }
        steps.add(Step.of(Op.CLONE, flags, idMap(linux == null ? null : linux.uidMappings()),
                idMap(linux == null ? null : linux.gidMappings()), 1));
    }

    /**
     * Brings lo up in a new network namespace, where the kernel leaves it down (runc and crun do the same;
     * podman's {@code --network none} relies on it). A joined namespace, or the host's, is left as it is.
     */
    static void addLoopback(Spec.Linux linux, List<Step> steps) {
        int network = indexOfNew(linux, "network");
        if (network >= 0) {
            steps.add(Step.of(Op.LOOPBACK_UP).from("linux.namespaces[" + network + "]"));
        }
    }

    /** Whether the container gets a new namespace of this type (listed without a path to join). */
    static boolean creates(Spec.Linux linux, String type) {
        return indexOfNew(linux, type) >= 0;
    }

    /** The index in linux.namespaces of the new namespace of this type, or -1. */
    private static int indexOfNew(Spec.Linux linux, String type) {
        List<Spec.Namespace> all = linux == null || linux.namespaces() == null ? List.of() : linux.namespaces();
        for (int i = 0; i < all.size(); i++) {
            Spec.Namespace n = all.get(i);
            if (type.equals(n.type()) && (n.path() == null || n.path().isEmpty())) {
                return i;
            }
        }
        return -1;
    }

    static boolean has(Spec.Linux linux, String type) {
        return linux != null && linux.namespaces() != null
                && linux.namespaces().stream().anyMatch(n -> type.equals(n.type()));
    }

    private static String idMap(List<Spec.IdMapping> maps) {
        StringBuilder b = new StringBuilder();
        if (maps != null) {
            for (Spec.IdMapping m : maps) {
                b.append(m.containerId()).append(' ').append(m.hostId()).append(' ').append(m.size()).append('\n');
            }
        }
        return b.toString();
    }

    private static String timeOffsets(Map<String, Spec.TimeOffset> offsets) {
        StringBuilder b = new StringBuilder();
        if (offsets != null) {
            offsets.forEach((clock, o) -> b.append(clock).append(' ').append(o.secs() == null ? 0 : o.secs())
                    .append(' ').append(o.nanosecs() == null ? 0 : o.nanosecs()).append('\n'));
        }
        return b.toString();
    }
}
