package io.husk.core.state;

import java.util.List;

/**
 * The mounts of a container that has no mount namespace of its own live in the host's mount table, under its
 * root. Recorded before the first of them is made, so that delete finds them even after a create that was
 * killed half way.
 *
 * @param root the real path of the container's root on the host (mountinfo shows real paths)
 * @param kept ids of mounts at or under root that existed before create (a root the caller had mounted
 *             itself): they are the caller's, and delete leaves them
 */
public record HostMounts(String root, List<Integer> kept) {
    public HostMounts {
        kept = List.copyOf(kept);
    }
}
