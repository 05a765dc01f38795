package io.husk.backend.sync;

import com.google.auto.service.AutoService;
import io.husk.spi.sync.SyncBackend;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * A unix socket {@code start.sock} in the state directory: the init listens on it and waits in accept();
 * {@code start} connects and sends one byte. A dead init refuses the connection, so start cannot hang.
 */
@AutoService(SyncBackend.class)
public final class SocketSync implements SyncBackend {
    static final String SOCKET = "start.sock";

    @Override
    public String name() {
        return "socket";
    }

    @Override
    public Gate gate(Path stateDir) {
        return new Gate("socket", stateDir.resolve(SOCKET));
    }

    @Override
    public void prepare(Path stateDir) {
        // The init creates the socket by binding it.
    }

    @Override
    public boolean waiting(Path stateDir) {
        return Files.exists(stateDir.resolve(SOCKET));
    }

    @Override
    public void release(Path stateDir, BooleanSupplier initAlive) throws IOException {
        Path sock = stateDir.resolve(SOCKET);
        if (!initAlive.getAsBoolean()) {
            throw new IOException("the container's init has exited");
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(sock));
            ch.write(ByteBuffer.wrap(new byte[] {'s'}));
        } catch (IOException e) {
            if (!initAlive.getAsBoolean()) {
                throw new IOException("the container's init has exited");
            }
            throw new IOException("connect to the start gate " + sock + ": " + e.getMessage());
        }
        Files.deleteIfExists(sock);
    }

    @Override
    public void cleanup(Path stateDir) throws IOException {
        Files.deleteIfExists(stateDir.resolve(SOCKET));
    }
}
