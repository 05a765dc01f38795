package io.husk.core.seccomp;

/**
 * A compiled filter as husk-init loads it.
 *
 * @param bpf      {@code struct sock_filter} instructions in the host's byte order
 * @param flags    {@code SECCOMP_FILTER_FLAG_*} for seccomp(2), including NEW_LISTENER when a rule notifies
 * @param listener whether the filter returns a notify fd that goes to {@code listenerPath}
 */
public record SeccompProgram(byte[] bpf, long flags, boolean listener) {
    /** Size of one BPF instruction: u16 code, u8 jt, u8 jf, u32 k. */
    public static final int INSTRUCTION = 8;

    public int instructions() {
        return bpf.length / INSTRUCTION;
    }
}
