package io.husk.core.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.husk.core.config.Spec;
import io.husk.spi.cgroup.Resources;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourcesMapperTest {
    private static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");

    private static Spec.Resources resources(Spec.Memory memory, Spec.Cpu cpu) {
        return new Spec.Resources(null, memory, cpu, null, null, null, null, null, null);
    }

    @Test
    void nullIsNone() {
        assertEquals(Resources.none(), ResourcesMapper.map(null));
    }

    @Test
    void unsetFieldsStayNull() {
        Resources r = ResourcesMapper.map(new Spec.Resources(null, null, null, null, null, null, null, null, null));
        assertEquals(Resources.none(), r);
    }

    @Test
    void memoryKeepsEveryField() {
        Spec.Memory m = new Spec.Memory(64L, 32L, 128L, 1L, 2L, BigInteger.valueOf(60), true, true, true);
        Resources.Memory mapped = ResourcesMapper.map(resources(m, null)).memory();
        assertEquals(new Resources.Memory(64L, 32L, 128L, 1L, 2L, 60L, true, true, true), mapped);
    }

    /** As runc: a 0 limit, reservation or quota is "not set" (the kernel would stop everything, or refuse it). */
    @Test
    void zeroLimitsAndQuotaAreUnset() {
        Spec.Memory m = new Spec.Memory(0L, 0L, 0L, 0L, 0L, null, null, null, null);
        Spec.Cpu c = new Spec.Cpu(null, 0L, null, null, null, null, null, null, null);
        Resources r = ResourcesMapper.map(resources(m, c));
        assertEquals(new Resources.Memory(null, null, null, null, null, null, null, null, null), r.memory());
        assertNull(r.cpu().quota());
        assertNull(ResourcesMapper.map(new Spec.Resources(null, null, null, new Spec.Pids(0L), null, null, null,
                null, null)).pids());
        Spec.BlockIo noWeight = new Spec.BlockIo(0, 0, null, null, null, null, null);
        Resources.BlockIo b = ResourcesMapper.map(new Spec.Resources(null, null, null, null, noWeight, null, null,
                null, null)).blockIo();
        assertNull(b.weight(), "v1 refuses 0; runc writes nothing");
        assertNull(b.leafWeight());
    }

    @Test
    void uint64MaxBecomesMinusOne() {
        Spec.Memory m = new Spec.Memory(null, null, null, null, null, UINT64_MAX, null, null, null);
        assertEquals(-1L, ResourcesMapper.map(resources(m, null)).memory().swappiness());
    }

    @Test
    void cpuNumbersBecomeLongs() {
        Spec.Cpu c = new Spec.Cpu(BigInteger.valueOf(1024), 42000L, BigInteger.valueOf(1000),
                BigInteger.valueOf(100000), 950L, BigInteger.valueOf(1000000), "0-1", "0", 1L);
        assertEquals(new Resources.Cpu(1024L, 42000L, 1000L, 100000L, 950L, 1000000L, "0-1", "0", 1L),
                ResourcesMapper.map(resources(null, c)).cpu());
    }

    @Test
    void listsAndMapsAreCarriedOver() {
        Spec.Resources spec = new Spec.Resources(
                List.of(new Spec.DeviceRule(false, "a", null, null, "rwm"), new Spec.DeviceRule(true, "c", 1L, 3L,
                        "rw")),
                null, null, new Spec.Pids(42L),
                new Spec.BlockIo(500, null, List.of(new Spec.WeightDevice(8, 0, 300, null)),
                        List.of(new Spec.ThrottleDevice(8, 0, BigInteger.valueOf(1048576))), null, null,
                        List.of(new Spec.ThrottleDevice(8, 16, BigInteger.valueOf(100)))),
                List.of(new Spec.HugepageLimit("2MB", BigInteger.valueOf(4194304))),
                new Spec.Network(7L, List.of(new Spec.Priority("eth0", 5))),
                Map.of("mlx4_0", new Spec.Rdma(2L, 2000L)),
                Map.of("memory.high", "1000000"));
        Resources r = ResourcesMapper.map(spec);
        assertEquals(List.of(new Resources.DeviceRule(false, "a", null, null, "rwm"),
                new Resources.DeviceRule(true, "c", 1L, 3L, "rw")), r.devices());
        assertEquals(new Resources.Pids(42), r.pids());
        assertEquals(new Resources.BlockIo(500, null, List.of(new Resources.WeightDevice(8, 0, 300, null)),
                List.of(new Resources.ThrottleDevice(8, 0, 1048576)), null, null,
                List.of(new Resources.ThrottleDevice(8, 16, 100))), r.blockIo());
        assertEquals(List.of(new Resources.HugepageLimit("2MB", 4194304)), r.hugepageLimits());
        assertEquals(new Resources.Network(7L, List.of(new Resources.Priority("eth0", 5))), r.network());
        assertEquals(Map.of("mlx4_0", new Resources.Rdma(2L, 2000L)), r.rdma());
        assertEquals(Map.of("memory.high", "1000000"), r.unified());
    }

    @Test
    void pidsWithoutLimitSetNothing() {
        Spec.Resources spec = new Spec.Resources(null, null, null, new Spec.Pids(null), null, null, null, null, null);
        assertNull(ResourcesMapper.map(spec).pids());
    }

    @Test
    void missingRequiredNumbersAreRefusedByName() {
        Spec.Resources spec = new Spec.Resources(null, null, null, null, null,
                List.of(new Spec.HugepageLimit("2MB", null)), null, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResourcesMapper.map(spec));
        assertEquals("linux.resources.hugepageLimits.limit is required", e.getMessage());
    }
}
