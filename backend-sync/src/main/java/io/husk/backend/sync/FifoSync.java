package io.husk.backend.sync;

import com.google.auto.service.AutoService;
import io.husk.nativeinit.Native;
import io.husk.spi.sync.SyncBackend;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * A named pipe {@code exec.fifo} in the state directory, the gate runc uses. Its existence means "created".
 *
 * <p>The init opens it read-write (which never blocks) and reads one byte. {@code start} opens it write-only:
 * that succeeds at once while the init holds its end and would block forever once the init is dead, so the
 * open runs on its own thread and {@code start} watches the init meanwhile.
 */
@AutoService(SyncBackend.class)
public final class FifoSync implements SyncBackend {
    static final String FIFO = "exec.fifo";

    @Override
    public String name() {
        return "fifo";
    }

    @Override
    public Gate gate(Path stateDir) {
        return new Gate("fifo", stateDir.resolve(FIFO));
    }

    @Override
    public void prepare(Path stateDir) throws IOException {
        Path fifo = stateDir.resolve(FIFO);
        if (Native.libc().mkfifo(fifo.toString(), 0600) < 0) {
            throw new IOException(Native.error("mkfifo " + fifo));
        }
    }

    @Override
    public boolean waiting(Path stateDir) {
        return Files.exists(stateDir.resolve(FIFO));
    }

    @Override
    public void release(Path stateDir, BooleanSupplier initAlive) throws IOException {
        Path fifo = stateDir.resolve(FIFO);
        if (!initAlive.getAsBoolean()) {
            throw new IOException("the container's init has exited");
        }
        IOException[] failure = new IOException[1];
        Thread opener = Thread.ofPlatform().daemon().name("husk-start-gate").start(() -> {
            try (FileOutputStream out = new FileOutputStream(fifo.toFile())) {
                out.write('s');
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        Gates.awaitOrInitDeath(opener, initAlive);
        if (failure[0] != null) {
            throw new IOException("open the start gate " + fifo + ": " + failure[0].getMessage());
        }
        Files.deleteIfExists(fifo);
    }

    @Override
    public void cleanup(Path stateDir) throws IOException {
        Files.deleteIfExists(stateDir.resolve(FIFO));
    }
}
