package io.husk.nativeinit;

/** Constants shared with husk-init ({@code protocol.h}). */
public final class Protocol {
    /** Incremented on every incompatible change of {@link Op}, {@link Msg} or the wire format. */
    public static final int VERSION = 5;

    private Protocol() {
    }
}
