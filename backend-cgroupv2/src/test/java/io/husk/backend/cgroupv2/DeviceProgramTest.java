package io.husk.backend.cgroupv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.Resources.DeviceRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the assembled program in a small interpreter of the instructions it uses. */
class DeviceProgramTest {
    private static final int BLOCK = 1;
    private static final int CHAR = 2;
    private static final int M = 1;
    private static final int R = 2;
    private static final int W = 4;

    private static DeviceRule rule(boolean allow, String type, Long major, Long minor, String access) {
        return new DeviceRule(allow, type, major, minor, access);
    }

    @Test
    void whitelistAllowsOnlyTheListedAccess() throws CgroupException {
        List<DeviceRule> rules = List.of(rule(false, "a", null, null, "rwm"), rule(true, "c", 1L, 3L, "r"));
        assertEquals(1, run(rules, CHAR, R, 1, 3));
        assertEquals(0, run(rules, CHAR, W, 1, 3));
        assertEquals(0, run(rules, CHAR, R | W, 1, 3));
        assertEquals(0, run(rules, BLOCK, R, 1, 3));
        assertEquals(0, run(rules, CHAR, R, 1, 5));
    }

    @Test
    void blacklistDeniesAnyCoveredAccess() throws CgroupException {
        List<DeviceRule> rules = List.of(rule(true, "a", null, null, "rwm"), rule(false, "c", 1L, 3L, "w"));
        assertEquals(1, run(rules, CHAR, R, 1, 3));
        assertEquals(0, run(rules, CHAR, R | W, 1, 3));
        assertEquals(1, run(rules, CHAR, W, 1, 5));
    }

    @Test
    void wildcardsMatchAnyNumber() throws CgroupException {
        List<DeviceRule> rules = List.of(rule(false, null, null, null, null), rule(true, "c", null, null, "m"),
                rule(true, "c", 136L, null, "rwm"));
        assertEquals(1, run(rules, CHAR, R | W, 136, 7));
        assertEquals(1, run(rules, CHAR, M, 1, 1));
        assertEquals(0, run(rules, CHAR, R, 1, 1));
    }

    @Test
    void noRulesAllowEverything() throws CgroupException {
        assertEquals(1, run(List.of(), BLOCK, R | W | M, 8, 0));
    }

    @Test
    void everyInstructionIsReachableAsTheVerifierDemands() throws CgroupException {
        assertAllReachable(List.of(rule(false, "a", null, null, "rwm"), rule(true, "c", 1L, 3L, "r")));
        assertAllReachable(List.of(rule(true, "c", 1L, 3L, "r"), rule(false, "a", null, null, "rwm")));
        assertAllReachable(List.of(rule(true, "a", null, null, "rwm")));
        assertAllReachable(List.of());
    }

    /** Follows both ways of every jump from the first instruction; each one must be visited. */
    private static void assertAllReachable(List<DeviceRule> rules) throws CgroupException {
        byte[] code = DeviceProgram.assemble(rules);
        int count = code.length / 8;
        boolean[] seen = new boolean[count];
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>(List.of(0));
        while (!todo.isEmpty()) {
            int pc = todo.pop();
            if (pc >= count || seen[pc]) {
                continue;
            }
            seen[pc] = true;
            int op = code[pc * 8] & 0xff;
            short off = (short) ((code[pc * 8 + 2] & 0xff) | (code[pc * 8 + 3] << 8));
            if (op == 0x95) {
                continue;
            }
            todo.push(pc + 1);
            if ((op & 0x07) == 0x05) {
                todo.push(pc + 1 + off);
            }
        }
        for (int pc = 0; pc < count; pc++) {
            assertEquals(true, seen[pc], "instruction " + pc + " reachable for " + rules);
        }
    }

    @Test
    void badLettersAreRefused() {
        assertThrows(CgroupException.class, () -> DeviceProgram.assemble(List.of(rule(true, "x", 1L, 1L, "r"))));
        assertThrows(CgroupException.class, () -> DeviceProgram.assemble(List.of(rule(true, "c", 1L, 1L, "q"))));
    }

    private static long run(List<DeviceRule> rules, int type, int access, int major, int minor)
            throws CgroupException {
        byte[] code = DeviceProgram.assemble(rules);
        int[] ctx = {(access << 16) | type, major, minor};
        long[] reg = new long[11];
        for (int pc = 0; ; pc++) {
            int op = code[pc * 8] & 0xff;
            int dst = code[pc * 8 + 1] & 0xf;
            int src = (code[pc * 8 + 1] >> 4) & 0xf;
            short off = (short) ((code[pc * 8 + 2] & 0xff) | (code[pc * 8 + 3] << 8));
            int imm = (code[pc * 8 + 4] & 0xff) | (code[pc * 8 + 5] & 0xff) << 8 | (code[pc * 8 + 6] & 0xff) << 16
                    | (code[pc * 8 + 7] & 0xff) << 24;
            switch (op) {
                case 0x61 -> reg[dst] = ctx[off / 4] & 0xffffffffL;
                case 0x57 -> reg[dst] &= imm;
                case 0x77 -> reg[dst] >>>= imm;
                case 0xb7 -> reg[dst] = imm;
                case 0xbf -> reg[dst] = reg[src];
                case 0x15 -> pc += reg[dst] == imm ? off : 0;
                case 0x55 -> pc += reg[dst] != imm ? off : 0;
                case 0x45 -> pc += (reg[dst] & imm) != 0 ? off : 0;
                case 0x95 -> {
                    return reg[0];
                }
                default -> throw new AssertionError("unexpected opcode " + op);
            }
        }
    }
}
