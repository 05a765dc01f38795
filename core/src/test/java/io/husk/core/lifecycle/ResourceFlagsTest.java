package io.husk.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.husk.core.HuskException;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.Resources;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceFlagsTest {
    private static Map<String, String> flags(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void sizesAreParsedAsRuncDoes() {
        assertEquals(536870912L, ResourceFlags.size(flags("memory", "512m"), "memory"));
        assertEquals(536870912L, ResourceFlags.size(flags("memory", "512MiB"), "memory"));
        assertEquals(1073741824L, ResourceFlags.size(flags("memory", "1G"), "memory"));
        assertEquals(1572864L, ResourceFlags.size(flags("memory", "1.5m"), "memory"));
        assertEquals(2048L, ResourceFlags.size(flags("memory", "2 kb"), "memory"));
        assertEquals(4096L, ResourceFlags.size(flags("memory", "4096"), "memory"));
        assertEquals(-1L, ResourceFlags.size(flags("memory", "-1"), "memory"));
        assertNull(ResourceFlags.size(flags(), "memory"));
        for (String bad : new String[] {"", "12x", "-2", "m", "1..2m", "99999999999p"}) {
            HuskException e = assertThrows(HuskException.class,
                    () -> ResourceFlags.size(flags("memory", bad), "memory"), bad);
            assertTrue(e.getMessage().startsWith("--memory: "), e.getMessage());
        }
    }

    @Test
    void onlyTheGivenFieldsAreSet() {
        Resources r = ResourceFlags.fromFlags(flags("cpu-quota", "42000"));
        assertEquals(42000L, r.cpu().quota());
        assertNull(r.cpu().period(), "the driver keeps the period");
        assertNull(r.cpu().shares());
        assertNull(r.memory());
        assertNull(r.pids());
        assertNull(r.blockIo());
        assertNull(r.devices());
    }

    @Test
    void everyFlagLandsInItsField() {
        Resources r = ResourceFlags.fromFlags(flags("memory", "64m", "memory-reservation", "32m",
                "memory-swap", "-1", "cpu-share", "512", "cpu-period", "100000", "cpu-burst", "1000",
                "cpu-rt-runtime", "-1", "cpu-rt-period", "1000000", "cpuset-cpus", "0-1", "cpuset-mems", "0",
                "pids-limit", "-1", "blkio-weight", "300"));
        assertEquals(new Resources.Memory(67108864L, 33554432L, -1L, null, null, null, null, null, null),
                r.memory());
        assertEquals(new Resources.Cpu(512L, null, 1000L, 100000L, -1L, 1000000L, "0-1", "0", null), r.cpu());
        assertEquals(-1L, r.pids().limit());
        assertEquals(300, r.blockIo().weight());
    }

    @Test
    void zeroLeavesALimitUntouchedAsInRunc() {
        Resources r = ResourceFlags.fromFlags(flags("memory", "0", "pids-limit", "0", "cpu-quota", "0",
                "blkio-weight", "0", "cpu-share", "0"));
        assertNull(r.memory());
        assertNull(r.pids());
        assertNull(r.cpu());
        assertNull(r.blockIo());
        assertEquals(0L, ResourceFlags.fromFlags(flags("cpu-burst", "0")).cpu().burst(), "a burst of 0 is a value");
    }

    @Test
    void unsupportedFlagsAreRefusedByName() {
        for (String f : new String[] {"kernel-memory", "kernel-memory-tcp", "l3-cache-schema", "mem-bw-schema"}) {
            HuskException e = assertThrows(HuskException.class, () -> ResourceFlags.fromFlags(flags(f, "1")));
            assertTrue(e.getMessage().startsWith("--" + f + ": "), e.getMessage());
        }
    }

    @Test
    void badNumbersNameTheFlag() {
        assertThrows(HuskException.class, () -> ResourceFlags.fromFlags(flags("cpu-period", "-5")));
        assertThrows(HuskException.class, () -> ResourceFlags.fromFlags(flags("cpu-quota", "1.5")));
        HuskException e = assertThrows(HuskException.class,
                () -> ResourceFlags.fromFlags(flags("blkio-weight", "70000")));
        assertTrue(e.getMessage().startsWith("--blkio-weight: "), e.getMessage());
    }

    @Test
    void aResourcesDocumentIsMappedLikeTheConfig() {
        Resources r = ResourceFlags.fromJson(bytes("{\"memory\":{\"limit\":1048576,\"swap\":-1},"
                + "\"cpu\":{\"shares\":18446744073709551615},\"pids\":{\"limit\":9}}"), "stdin");
        assertEquals(1048576L, r.memory().limit());
        assertEquals(-1L, r.memory().swap());
        assertEquals(-1L, r.cpu().shares());
        assertEquals(9L, r.pids().limit());
        assertNull(r.blockIo());
    }

    @Test
    void aBadDocumentIsOneLineNamingItsSource() {
        HuskException e = assertThrows(HuskException.class,
                () -> ResourceFlags.fromJson(bytes("{\"memory\":"), "r.json"));
        assertTrue(e.getMessage().startsWith("r.json: "), e.getMessage());
        assertThrows(HuskException.class, () -> ResourceFlags.fromJson(bytes(""), "r.json"));
        // runc's own update example says "kernel": 0 and "kernelTCP": 0, which set nothing
        Resources zeros = ResourceFlags.fromJson(bytes("{\"memory\":{\"kernel\":0,\"kernelTCP\":0}}"), "r.json");
        assertNull(zeros.memory().kernel());
        assertThrows(HuskException.class, () -> ResourceFlags.fromJson(bytes("{\"memory\":{\"kernel\":1}}"), "r"));
        HuskException kernel = assertThrows(HuskException.class,
                () -> ResourceFlags.fromJson(bytes("{\"memory\":{\"kernel\":1}}"), "r.json"));
        assertTrue(kernel.getMessage().contains("memory.kernel"), kernel.getMessage());
        HuskException unknown = assertThrows(HuskException.class,
                () -> ResourceFlags.fromJson(bytes("{\"blockIO\":{\"blkioWeight\":500}}"), "r.json"));
        assertTrue(unknown.getMessage().contains("blkioWeight"), unknown.getMessage());
    }

    @Test
    void refusalsNameTheFlagOrTheFieldInsideTheDocument() {
        CgroupException both = new CgroupException("linux.resources.memory.limit, linux.resources.memory.swap",
                "cannot write \"1\" to memory.memsw.limit_in_bytes: Invalid argument", null);
        assertEquals("--memory, --memory-swap: cannot write \"1\" to memory.memsw.limit_in_bytes: Invalid argument",
                Updates.refusal(both, null));
        assertEquals("r.json: memory.limit, memory.swap: cannot write \"1\" to memory.memsw.limit_in_bytes:"
                + " Invalid argument", Updates.refusal(both, "r.json"));
        assertEquals("linux.resources.rdma", ResourceFlags.flagOf("linux.resources.rdma"), "no flag sets it");
        assertEquals("cgroup gone", Updates.refusal(new CgroupException("cgroup gone"), null));
    }

    /** Each update flag's own field maps back to it. */
    @Test
    void everyFlagIsNamedBackFromItsField() {
        Map<String, String> fieldOfFlag = Map.ofEntries(Map.entry("memory", "memory.limit"),
                Map.entry("memory-reservation", "memory.reservation"), Map.entry("memory-swap", "memory.swap"),
                Map.entry("cpu-share", "cpu.shares"), Map.entry("cpu-quota", "cpu.quota"),
                Map.entry("cpu-period", "cpu.period"), Map.entry("cpu-burst", "cpu.burst"),
                Map.entry("cpu-rt-runtime", "cpu.realtimeRuntime"), Map.entry("cpu-rt-period", "cpu.realtimePeriod"),
                Map.entry("cpuset-cpus", "cpu.cpus"), Map.entry("cpuset-mems", "cpu.mems"),
                Map.entry("pids-limit", "pids.limit"), Map.entry("blkio-weight", "blockIO.weight"));
        assertEquals(ResourceFlags.KNOWN, fieldOfFlag.keySet(), "every flag update takes");
        fieldOfFlag.forEach((flag, field) -> assertEquals("--" + flag,
                ResourceFlags.flagOf("linux.resources." + field)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
