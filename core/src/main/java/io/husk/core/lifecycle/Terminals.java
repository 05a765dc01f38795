package io.husk.core.lifecycle;

import io.husk.core.HuskException;
import io.husk.core.config.Spec;

/** The rules that tie {@code process.terminal} to a console socket, checked before the init starts. */
public final class Terminals {
    private Terminals() {
    }

    /** The fd to hand to the helper for this process, or -1; refuses a terminal nobody could receive. */
    public static int consoleFd(Spec.Process process, ConsoleSocket console) {
        boolean terminal = Boolean.TRUE.equals(process.terminal());
        if (terminal && console == null) {
            throw new HuskException("process.terminal is true but there is no --console-socket to send the"
                    + " terminal to (a detached container cannot use the caller's terminal)");
        }
        if (!terminal && console != null && !console.optional()) {
            throw new HuskException("--console-socket: process.terminal is false, so there is no terminal to send");
        }
        return terminal ? console.fd() : -1;
    }
}
