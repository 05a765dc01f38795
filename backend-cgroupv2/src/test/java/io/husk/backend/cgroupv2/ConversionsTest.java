package io.husk.backend.cgroupv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.husk.spi.cgroup.CgroupException;
import org.junit.jupiter.api.Test;

class ConversionsTest {
    private static final long M = 1024 * 1024;

    @Test
    void swapEqualToLimitMeansNoSwap() throws CgroupException {
        assertEquals("0", Conversions.swapMax(32 * M, 32 * M));
    }

    @Test
    void swapIsTheTotalMinusTheLimit() throws CgroupException {
        assertEquals(Long.toString(32 * M), Conversions.swapMax(32 * M, 64 * M));
    }

    @Test
    void swapMinusOneIsMax() throws CgroupException {
        assertEquals("max", Conversions.swapMax(32 * M, -1L));
        assertEquals("max", Conversions.swapMax(null, -1L));
    }

    @Test
    void swapUnsetLeavesTheFileAlone() throws CgroupException {
        assertNull(Conversions.swapMax(32 * M, null));
    }

    @Test
    void anUnlimitedMemoryWithoutASwapLiftsSwapToo() throws CgroupException {
        assertEquals("max", Conversions.swapMax(-1L, null));
        assertEquals("max", Conversions.swapMax(-1L, 0L));
        assertEquals("max", Conversions.swapMax(-1L, -1L));
    }

    @Test
    void swapBelowLimitIsRefusedNamingTheField() {
        CgroupException e = assertThrows(CgroupException.class, () -> Conversions.swapMax(64 * M, 32 * M));
        assertTrue(e.getMessage().startsWith("linux.resources.memory.swap: "), e.getMessage());
    }

    @Test
    void swapWithoutLimitIsRefused() {
        CgroupException e = assertThrows(CgroupException.class, () -> Conversions.swapMax(null, 64 * M));
        assertTrue(e.getMessage().contains("needs a memory limit"), e.getMessage());
        assertThrows(CgroupException.class, () -> Conversions.swapMax(-1L, 64 * M));
    }

    @Test
    void quotaMinusOneIsMaxWithThePeriod() {
        assertEquals("max 100000", Conversions.cpuMax(-1L, 100000L, "50000 100000"));
        assertEquals("max 250000", Conversions.cpuMax(-1L, null, "50000 250000"));
    }

    @Test
    void quotaAndPeriodAreWrittenTogether() {
        assertEquals("42000 100000", Conversions.cpuMax(42000L, 100000L, "max 100000"));
    }

    @Test
    void quotaAloneKeepsThePeriod() {
        assertEquals("42000 50000", Conversions.cpuMax(42000L, null, "max 50000"));
    }

    @Test
    void periodAloneKeepsTheQuota() {
        assertEquals("42000 200000", Conversions.cpuMax(null, 200000L, "42000 100000"));
        assertEquals("max 200000", Conversions.cpuMax(null, 200000L, "max 100000"));
    }

    @Test
    void sharesBecomeWeight() {
        assertEquals(1, Conversions.weightFromShares(2));
        assertEquals(39, Conversions.weightFromShares(1024));
        assertEquals(10000, Conversions.weightFromShares(262144));
        assertEquals(0, Conversions.weightFromShares(0));
    }

    @Test
    void blkioWeightBecomesIoWeight() {
        assertEquals(1, Conversions.ioWeightFromBlkio(10));
        assertEquals(10000, Conversions.ioWeightFromBlkio(1000));
    }

    @Test
    void negativeLimitIsMax() {
        assertEquals("max", Conversions.limit(-1));
        assertEquals("4096", Conversions.limit(4096));
    }
}
