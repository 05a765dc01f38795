package io.husk.nativeinit;

/** Control messages between husk and husk-init; {@code protocol.h} repeats the codes (checked by a test). */
public enum Msg {
    /** husk → helper: [version, step count] followed by the steps. */
    PLAN(100),
    /** helper → husk: [host pid of the container's init]. */
    PID(101),
    /** helper → husk: everything is set up, the init waits at the gate. */
    READY(102),
    /** helper → husk: [step index, op code, errno, path, text]; the helper exits after it. */
    ERROR(103),
    /** helper → husk: [hook phase]; run those hooks now and answer HOOK_DONE. */
    HOOK_REQUEST(104),
    /** husk → helper: [1 ok / 0 failed]. */
    HOOK_DONE(105),
    /** helper → husk: send the state document that createContainer and startContainer hooks get. */
    STATE_REQUEST(106),
    /** husk → helper: [state JSON]. */
    STATE(107);

    private final int code;

    Msg(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public String cName() {
        return "MSG_" + name();
    }

    public static Msg of(int code) {
        for (Msg m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        return null;
    }
}
