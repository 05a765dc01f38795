package io.husk.backend.cgroupv2;

import io.husk.backend.cgroupfs.Fields;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.Resources.DeviceRule;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles a BPF_PROG_TYPE_CGROUP_DEVICE program from OCI device rules.
 *
 * <p>Meaning, the same as writing the rules to v1's devices.allow/deny in order on a cgroup that starts out
 * allowing everything: the last rule that matches an access decides it. So the program tests the rules from
 * last to first and returns at the first match; an access no rule matches is allowed. An allow rule matches
 * when it grants every requested access, a deny rule when it covers any of them.
 *
 * <p>The context (struct bpf_cgroup_dev_ctx) is {u32 access_type; u32 major; u32 minor;} with the device type
 * in the low 16 bits of access_type and the access bits above.
 */
public final class DeviceProgram {
    // Opcodes, from linux/bpf.h and linux/bpf_common.h.
    private static final int LDX_MEM_W = 0x61;
    private static final int ALU64_AND_K = 0x57;
    private static final int ALU64_RSH_K = 0x77;
    private static final int ALU64_MOV_K = 0xb7;
    private static final int ALU64_MOV_X = 0xbf;
    private static final int JMP_JEQ_K = 0x15;
    private static final int JMP_JNE_K = 0x55;
    private static final int JMP_JSET_K = 0x45;
    private static final int JMP_EXIT = 0x95;
    // BPF_DEVCG_DEV_* and BPF_DEVCG_ACC_*.
    private static final int DEV_BLOCK = 1;
    private static final int DEV_CHAR = 2;
    private static final int ACC_MKNOD = 1;
    private static final int ACC_READ = 2;
    private static final int ACC_WRITE = 4;
    private static final int ACC_ALL = ACC_MKNOD | ACC_READ | ACC_WRITE;
    // Registers: r1 is the context, r2 type, r3 access, r4 major, r5 minor, r0 the verdict.
    private static final int R0 = 0;
    private static final int R1 = 1;
    private static final int R2 = 2;
    private static final int R3 = 3;
    private static final int R4 = 4;
    private static final int R5 = 5;

    /** One instruction; {@code skip} marks a jump to the end of the current rule's block. */
    private record Insn(int op, int dst, int src, int off, int imm, boolean skip) {
    }

    private DeviceProgram() {
    }

    /** The program as bytes (8 per instruction), ready for BPF_PROG_LOAD. */
    public static byte[] assemble(List<DeviceRule> rules) throws CgroupException {
        List<Insn> program = new ArrayList<>(prologue());
        for (DeviceRule rule : rules.reversed()) {
            List<Insn> block = block(rule);
            program.addAll(resolveSkips(block));
            if (block.stream().noneMatch(Insn::skip)) {
                // This rule matches every access: what follows is unreachable, which the verifier refuses.
                return encode(program);
            }
        }
        program.add(insn(ALU64_MOV_K, R0, 0, 1));
        program.add(insn(JMP_EXIT, 0, 0, 0));
        return encode(program);
    }

    private static List<Insn> prologue() {
        return List.of(
                new Insn(LDX_MEM_W, R2, R1, 0, 0, false),
                insn(ALU64_AND_K, R2, 0, 0xffff),
                new Insn(LDX_MEM_W, R3, R1, 0, 0, false),
                insn(ALU64_RSH_K, R3, 0, 16),
                new Insn(LDX_MEM_W, R4, R1, 4, 0, false),
                new Insn(LDX_MEM_W, R5, R1, 8, 0, false));
    }

    /** The tests of one rule, each jumping past the block when the access does not match. */
    private static List<Insn> block(DeviceRule rule) throws CgroupException {
        List<Insn> block = new ArrayList<>();
        int type = type(rule.type());
        if (type != 0) {
            block.add(skipIf(JMP_JNE_K, R2, type));
        }
        int access = access(rule.access());
        if (rule.allow() && access != ACC_ALL) {
            block.add(skipIf(JMP_JSET_K, R3, ~access & ACC_ALL));
        } else if (!rule.allow() && access != ACC_ALL) {
            block.add(new Insn(ALU64_MOV_X, R1, R3, 0, 0, false));
            block.add(insn(ALU64_AND_K, R1, 0, access));
            block.add(skipIf(JMP_JEQ_K, R1, 0));
        }
        if (rule.major() != null && rule.major() >= 0) {
            block.add(skipIf(JMP_JNE_K, R4, Math.toIntExact(rule.major())));
        }
        if (rule.minor() != null && rule.minor() >= 0) {
            block.add(skipIf(JMP_JNE_K, R5, Math.toIntExact(rule.minor())));
        }
        block.add(insn(ALU64_MOV_K, R0, 0, rule.allow() ? 1 : 0));
        block.add(insn(JMP_EXIT, 0, 0, 0));
        return block;
    }

    private static List<Insn> resolveSkips(List<Insn> block) {
        List<Insn> resolved = new ArrayList<>();
        for (int i = 0; i < block.size(); i++) {
            Insn in = block.get(i);
            resolved.add(in.skip() ? new Insn(in.op(), in.dst(), in.src(), block.size() - (i + 1), in.imm(), false)
                    : in);
        }
        return resolved;
    }

    static int type(String type) throws CgroupException {
        return switch (type == null ? "a" : type) {
            case "a" -> 0;
            case "b" -> DEV_BLOCK;
            case "c" -> DEV_CHAR;
            default -> throw CgroupException.about(Fields.PREFIX + "devices", "unknown device type \"" + type + "\"");
        };
    }

    static int access(String access) throws CgroupException {
        if (access == null || access.isEmpty()) {
            return ACC_ALL;
        }
        int bits = 0;
        for (char c : access.toCharArray()) {
            bits |= switch (c) {
                case 'r' -> ACC_READ;
                case 'w' -> ACC_WRITE;
                case 'm' -> ACC_MKNOD;
                default -> throw CgroupException.about(Fields.PREFIX + "devices", "unknown access \"" + access + "\"");
            };
        }
        return bits;
    }

    private static Insn insn(int op, int dst, int src, int imm) {
        return new Insn(op, dst, src, 0, imm, false);
    }

    private static Insn skipIf(int op, int dst, int imm) {
        return new Insn(op, dst, 0, 0, imm, true);
    }

    /** struct bpf_insn: u8 code; u8 dst_reg:4, src_reg:4; s16 off; s32 imm; little-endian on x86-64. */
    private static byte[] encode(List<Insn> program) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(program.size() * 8);
        for (Insn in : program) {
            out.write(in.op());
            out.write((in.src() << 4) | in.dst());
            out.write(in.off() & 0xff);
            out.write((in.off() >> 8) & 0xff);
            for (int shift = 0; shift < 32; shift += 8) {
                out.write((in.imm() >> shift) & 0xff);
            }
        }
        return out.toByteArray();
    }
}
