package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** process.capabilities and noNewPrivileges, read back from /proc/self/status inside the container. */
class CapabilitiesIT extends ContainerFixture {
    private static final long CHOWN = 1L, KILL = 1L << 5, SETUID = 1L << 7, NET_BIND_SERVICE = 1L << 10;

    @Override
    protected String idPrefix() {
        return "cap";
    }

    private void set(String set, String... names) {
        ArrayNode a = bundle.process().with("capabilities").putArray(set);
        for (String n : names) {
            a.add(n);
        }
    }

    /** The fields of /proc/self/status as the container's shell sees them. */
    private Map<String, String> status() throws Exception {
        bundle.args("sh", "-c", "cat /proc/$$/status").write();
        HuskRunner.Result r = husk.run("run", "--bundle", bundle.dir().toString(), id);
        assertEquals(0, r.exit(), r.err());
        Map<String, String> m = new HashMap<>();
        for (String line : r.out().lines().toList()) {
            int c = line.indexOf(':');
            if (c > 0) {
                m.put(line.substring(0, c), line.substring(c + 1).strip());
            }
        }
        m.put("stderr", r.err());
        return m;
    }

    private static long hex(Map<String, String> st, String key) {
        return Long.parseUnsignedLong(st.get(key), 16);
    }

    /** A non-root process keeps exactly what the config grants: execve gives it its ambient set. */
    @Test
    void allFiveSetsForANonRootUser() throws Exception {
        bundle.process().with("user").put("uid", 1000).put("gid", 1000);
        set("bounding", "CAP_CHOWN", "CAP_KILL", "CAP_SETUID", "CAP_NET_BIND_SERVICE");
        set("permitted", "CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE");
        set("effective", "CAP_KILL", "CAP_NET_BIND_SERVICE");
        set("inheritable", "CAP_CHOWN", "CAP_NET_BIND_SERVICE");
        set("ambient", "CAP_NET_BIND_SERVICE");
        Map<String, String> st = status();
        assertEquals(CHOWN | KILL | SETUID | NET_BIND_SERVICE, hex(st, "CapBnd"));
        assertEquals(CHOWN | NET_BIND_SERVICE, hex(st, "CapInh"));
        assertEquals(NET_BIND_SERVICE, hex(st, "CapAmb"));
        assertEquals(NET_BIND_SERVICE, hex(st, "CapPrm"));
        assertEquals(NET_BIND_SERVICE, hex(st, "CapEff"));
        assertEquals("1000\t1000\t1000\t1000", st.get("Uid"));
    }

    /** Root: execve fills permitted and effective from the bounding set, as with every runtime. */
    @Test
    void rootGetsTheBoundingSet() throws Exception {
        List<String> all = List.of("CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE");
        for (String s : List.of("bounding", "permitted", "effective")) {
            set(s, all.toArray(String[]::new));
        }
        set("inheritable");
        set("ambient");
        Map<String, String> st = status();
        assertEquals(CHOWN | KILL | NET_BIND_SERVICE, hex(st, "CapBnd"));
        assertEquals(CHOWN | KILL | NET_BIND_SERVICE, hex(st, "CapEff"));
        assertEquals(CHOWN | KILL | NET_BIND_SERVICE, hex(st, "CapPrm"));
        assertEquals(0, hex(st, "CapInh"));
        assertEquals(0, hex(st, "CapAmb"));
    }

    @Test
    void unknownCapabilitiesAreSkippedWithAWarning() throws Exception {
        set("bounding", "CAP_KILL", "CAP_FROM_THE_FUTURE");
        set("permitted", "CAP_KILL", "CAP_FROM_THE_FUTURE");
        set("effective", "CAP_KILL");
        Map<String, String> st = status();
        assertEquals(KILL, hex(st, "CapBnd"));
        assertTrue(st.get("stderr").contains("CAP_FROM_THE_FUTURE"), st.get("stderr"));
        assertEquals(1, st.get("stderr").split("CAP_FROM_THE_FUTURE", -1).length - 1, "one warning, not one per set: "
                + st.get("stderr"));
    }

    @Test
    void malformedCapabilityIsAnError() throws Exception {
        set("effective", "CAP_KILL", "kill");
        bundle.write();
        HuskRunner.Result r = husk.run("create", "--bundle", bundle.dir().toString(), id);
        assertNotEquals(0, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("process.capabilities.effective") && r.err().contains("kill"), r.err());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void noNewPrivilegesOnAndOff() throws Exception {
        bundle.process().put("noNewPrivileges", true);
        assertEquals("1", status().get("NoNewPrivs"));
        husk.run("delete", "--force", id);
        bundle.process().put("noNewPrivileges", false);
        assertEquals("0", status().get("NoNewPrivs"));
    }

    /**
     * A step after the start gate fails when create's JVM is gone; start still names the field, from what create
     * recorded. Here: a capability this host keeps out of every bounding set (CAP_SYS_RESOURCE on this kind of
     * machine), which capset refuses.
     */
    @Test
    void aFailureAfterTheGateNamesItsFieldAtStart() throws Exception {
        String bnd = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("CapBnd:")).findFirst().orElseThrow().split("\\s+")[1];
        org.junit.jupiter.api.Assumptions.assumeTrue((Long.parseLong(bnd, 16) & (1L << 24)) == 0,
                "this host has CAP_SYS_RESOURCE in its bounding set");
        for (String setName : new String[] {"bounding", "effective", "permitted"}) {
            set(setName, "CAP_KILL", "CAP_SYS_RESOURCE");
        }
        bundle.args("true").write();
        husk.ok("create", "--bundle", bundle.dir().toString(), id);
        HuskRunner.Result r = husk.run("start", id);
        assertEquals(1, r.exit());
        assertTrue(r.errLine().contains(bundle.dir().resolve("config.json") + ": process.capabilities: "), r.err());
        husk.ok("delete", id);
    }
}
