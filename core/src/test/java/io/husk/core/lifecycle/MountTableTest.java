package io.husk.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.husk.core.lifecycle.MountTable.Entry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading mountinfo and ordering a container's mounts in the host's table for their removal. */
class MountTableTest {
    private static final List<String> MOUNTINFO = List.of(
            "27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw",
            "40 27 0:40 / /b/rootfs rw - tmpfs tmpfs rw",
            "45 40 254:0 /b/rootfs /b/rootfs rw - ext4 /dev/vda rw",
            "46 45 0:41 / /b/rootfs/proc rw - proc proc rw",
            "47 45 0:42 / /b/rootfs/dev rw - tmpfs tmpfs rw",
            "48 47 0:43 / /b/rootfs/dev/pts rw - devpts devpts rw",
            "49 46 0:44 / /b/rootfs/proc/acpi ro - tmpfs tmpfs ro",
            "50 27 0:45 / /b/rootfs2 rw - tmpfs tmpfs rw",
            "51 27 0:46 / /with\\040space rw - tmpfs tmpfs rw");

    @Test
    void mountPointsAreUnescaped() {
        assertEquals("/with space", MountTable.parse(MOUNTINFO).getLast().mountPoint());
        assertEquals("a\\b", MountTable.unescape("a\\134b"));
        assertEquals("a\\x", MountTable.unescape("a\\x"));
    }

    @Test
    void onlyTheRootAndWhatIsBelowItCount() {
        List<Integer> ids = MountTable.under(MountTable.parse(MOUNTINFO), "/b/rootfs").stream().map(Entry::id)
                .toList();
        assertEquals(List.of(40, 45, 46, 47, 48, 49), ids);
    }

    /** A mount stacked on the caller's own root mount (40, kept) goes before it, and children before parents. */
    @Test
    void childrenComeBeforeTheMountTheySitOn() {
        List<Entry> all = MountTable.parse(MOUNTINFO);
        List<Entry> ours = MountTable.under(all, "/b/rootfs").stream().filter(e -> e.id() != 40).toList();
        List<Integer> order = MountTable.deepestFirst(all, ours).stream().map(Entry::id).toList();
        for (Entry e : ours) {
            int parentAt = order.indexOf(e.parent());
            assertEquals(true, parentAt < 0 || parentAt > order.indexOf(e.id()), order.toString());
        }
        assertEquals(45, order.getLast());
    }
}
