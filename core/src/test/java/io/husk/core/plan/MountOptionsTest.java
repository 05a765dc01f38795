package io.husk.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.husk.core.HuskException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountOptionsTest {
    private static MountOptions.Parsed parse(String type, String... options) {
        return MountOptions.parse(List.of(options), type, "mounts[0].options");
    }

    @Test
    void flagsAreSetAndClearedInOrder() {
        MountOptions.Parsed p = parse("tmpfs", "ro", "nosuid", "rw", "noexec", "exec", "strictatime");
        assertEquals(MountOptions.MS_NOSUID | MountOptions.MS_STRICTATIME, p.flags());
        assertEquals("", p.data());
    }

    @Test
    void filesystemDataPassesThrough() {
        assertEquals("mode=755,size=65536k", parse("tmpfs", "nosuid", "mode=755", "size=65536k").data());
        assertEquals("newinstance,ptmxmode=0666,mode=0620,gid=5",
                parse("devpts", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5").data());
        assertEquals("inode64", parse("tmpfs", "inode64").data());
    }

    @Test
    void propagationKeepsTheLastOne() {
        assertEquals(MountOptions.MS_SHARED | MountOptions.MS_REC, parse("tmpfs", "private", "rshared").propagation());
    }

    @Test
    void bindComesFromTheOptionOrTheType() {
        assertTrue(parse("none", "rbind").bind());
        assertTrue(parse("bind").bind());
        assertFalse(parse("tmpfs").bind());
    }

    @Test
    void recursiveAttributesBecomeSetAndClearMasks() {
        MountOptions.Parsed p = parse("bind", "rbind", "rro", "rnosuid", "rnoatime");
        assertTrue(p.recursive());
        assertEquals(RecursiveAttrs.RDONLY | RecursiveAttrs.NOSUID | RecursiveAttrs.NOATIME, p.attrSet());
        assertEquals(RecursiveAttrs.ATIME_MASK, p.attrClr());
        MountOptions.Parsed undone = parse("bind", "rbind", "rro", "rrw");
        assertEquals(0, undone.attrSet());
        assertEquals(RecursiveAttrs.RDONLY, undone.attrClr());
        assertFalse(parse("bind", "rbind", "ro").recursive());
    }

    @Test
    void keyValueDataOnABindIsAcceptedAsRuncDoes() {
        assertTrue(parse("bind", "rbind", "mode=755").bind()); // mount(2) ignores it; husk warns
    }

    @Test
    void unknownWordsAreRefusedByName() {
        HuskException bind = assertThrows(HuskException.class, () -> parse("bind", "rbind", "frobnicate"));
        assertTrue(bind.getMessage().startsWith("mounts[0].options: \"frobnicate\""), bind.getMessage());
        HuskException fs = assertThrows(HuskException.class, () -> parse("tmpfs", "sparkly"));
        assertTrue(fs.getMessage().contains("\"sparkly\""), fs.getMessage());
        assertThrows(HuskException.class, () -> parse("cgroup", "memory"));
        assertThrows(HuskException.class, () -> parse("tmpfs", ""));
    }

    @Test
    void unimplementedOptionsAreRefusedByName() {
        assertTrue(parse("tmpfs", "tmpcopyup").copyUp());
        HuskException e = assertThrows(HuskException.class, () -> parse("bind", "rbind", "tmpcopyup"));
        assertTrue(e.getMessage().contains("tmpcopyup needs a tmpfs"), e.getMessage());
    }

    @Test
    void idmapAndRidmapAreRecognised() {
        assertEquals(MountOptions.Idmap.TOP, parse("bind", "rbind", "idmap").idmap());
        assertEquals(MountOptions.Idmap.RECURSIVE, parse("bind", "rbind", "ridmap").idmap());
        assertEquals(MountOptions.Idmap.NONE, parse("bind", "rbind").idmap());
    }
}
