package io.husk.core.plan;

import io.husk.core.HuskException;
import io.husk.core.config.Spec;
import io.husk.nativeinit.Op;
import io.husk.nativeinit.Step;
import java.util.List;

/**
 * Idmapped bind mounts ({@code idmap}, {@code ridmap} with the mount's {@code uidMappings}/{@code gidMappings}).
 * Two steps: on the host, before the clone, husk-init clones the source tree and attaches the mapping (that needs
 * privilege over the host's mounts, which an init in a user namespace of its own lacks); in the container, the
 * detached tree is moved onto its target.
 */
final class IdmapSteps {
    /** Mount flags that carry over as mount_setattr attributes of the same bit values. */
    private static final long ATTR_FLAGS = MountOptions.MS_RDONLY | MountOptions.MS_NOSUID | MountOptions.MS_NODEV
            | MountOptions.MS_NOEXEC;

    private IdmapSteps() {
    }

    /** Refuses id mappings on a mount that does not ask for idmap, rather than ignoring them. */
    static void checkMappings(Spec.Mount m, MountOptions.Parsed o, String field) {
        boolean mapped = m.uidMappings() != null && !m.uidMappings().isEmpty()
                || m.gidMappings() != null && !m.gidMappings().isEmpty();
        if (mapped && o.idmap() == MountOptions.Idmap.NONE) {
            throw new HuskException(field + ".uidMappings: id mappings need the idmap or ridmap option");
        }
    }

    /** The host's half: the detached, idmapped clone of the source, the plan's {@code tree}-th. */
    static Step tree(Spec.Mount m, MountOptions.Parsed o, String field, String source) {
        if (!o.bind()) {
            throw new HuskException(field + ".options: idmap needs a bind mount");
        }
        if (m.uidMappings() == null || m.uidMappings().isEmpty() || m.gidMappings() == null
                || m.gidMappings().isEmpty()) {
            throw new HuskException(field + ".uidMappings: an idmapped mount needs uidMappings and gidMappings");
        }
        long extra = o.flags() & ~(ATTR_FLAGS | MountOptions.MS_BIND | MountOptions.MS_REC);
        if (extra != 0 || o.propagation() != 0 || o.recursive()) {
            throw new HuskException(field + ".options: only ro, nosuid, nodev and noexec combine with idmap"
                    + " in this version of husk");
        }
        boolean rbind = (o.flags() & MountOptions.MS_REC) != 0;
        return Step.of(Op.IDMAP_TREE, source, rbind ? 1 : 0, o.idmap() == MountOptions.Idmap.RECURSIVE ? 1 : 0,
                o.flags() & ATTR_FLAGS, map(m.uidMappings()), map(m.gidMappings()));
    }

    /** The container's half: moves the {@code tree}-th detached tree onto dest. */
    static Step mount(int tree, String dest, int kind) {
        return Step.of(Op.MOUNT_IDMAP, tree, dest, kind);
    }

    private static String map(List<Spec.IdMapping> maps) {
        StringBuilder b = new StringBuilder();
        for (Spec.IdMapping m : maps) {
            b.append(m.containerId()).append(' ').append(m.hostId()).append(' ').append(m.size()).append('\n');
        }
        return b.toString();
    }
}
