package io.husk.cli;

import io.husk.core.HuskException;
import io.husk.core.lifecycle.ConsoleSocket;
import io.husk.nativeinit.ConsoleSockets;
import io.husk.spi.IoErrors;
import java.io.IOException;

/** The console sockets of create, run and exec: the caller's --console-socket, or a foreground relay's own. */
final class Consoles {
    private Consoles() {
    }

    static ConsoleSocket connect(String path) {
        try {
            return new ConsoleSocket(ConsoleSockets.connect(path), false);
        } catch (IOException e) {
            throw new HuskException(IoErrors.describe(e));
        }
    }

    /**
     * A socket pair for a foreground command: [0] goes to husk-init (used only if the process has a
     * terminal), [1] to the native supervisor, which relays the terminal whose master arrives on it.
     */
    static int[] relayPair() {
        try {
            return ConsoleSockets.pair();
        } catch (IOException e) {
            throw new HuskException(IoErrors.describe(e));
        }
    }
}
