package io.husk.core.lifecycle;

import io.husk.core.HuskException;
import io.husk.core.hooks.HookPhase;
import io.husk.core.hooks.HookRunner;
import io.husk.core.log.Log;
import io.husk.core.plugin.Plugins;
import io.husk.core.state.ContainerState;
import io.husk.core.state.ProcStat;
import io.husk.core.state.StateStore;
import io.husk.core.state.Status;
import io.husk.spi.IoErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code start}: opens the gate of a created container, follows the init until it has executed the payload
 * (so startContainer hooks and the exec are part of the operation), then runs the poststart hooks with status
 * running. An init that died before its execve fails start with the reason it wrote to start.err; the container
 * stays, stopped, for the delete that follows (the runtime-spec's lifecycle, and runc's: engines call delete after
 * a failed start, and poststop hooks run then).
 */
final class Starter {
    static final String START_ERR = "start.err";
    private static final long POLL_MILLIS = 2;

    private final StateStore store;
    private final Plugins plugins;
    private final StatusProbe probe;

    Starter(StateStore store, Plugins plugins, StatusProbe probe) {
        this.store = store;
        this.plugins = plugins;
        this.probe = probe;
    }

    void start(String id, ContainerState s) {
        Path dir = store.dir(id);
        Status st = probe.status(s, dir);
        if (st == Status.STOPPED) {
            throw new HuskException("cannot start container " + id + ": the container's init has exited");
        }
        if (st != Status.CREATED) {
            throw new HuskException("cannot start container " + id + ": it is " + st.label() + ", not created");
        }
        String helperExe = exe(s.pid());
        try {
            plugins.sync(s).release(dir, () -> ProcStat.alive(s.pid(), s.initStartTime()));
        } catch (IOException e) {
            throw new HuskException("start container " + id + ": " + IoErrors.describe(e));
        }
        if (Log.debugEnabled()) {
            Log.debug(id + ": opened the start gate of its init (pid " + s.pid() + ")");
        }
        String failure = awaitExec(s, helperExe, dir.resolve(START_ERR));
        if (failure != null) {
            throw new HuskException("start container " + id + ": "
                    + StepOrigins.name(failure, dir, Path.of(s.bundle()).resolve("config.json")));
        }
        if (s.declaresHooks(HookPhase.POSTSTART.specName())) {
            HookRunner.runWarning(HookPhase.POSTSTART, Snapshot.spec(dir), StateJson.state(s, Status.RUNNING));
        }
    }

    /** Null once the init replaced itself with the payload (or ran and ended); else what stopped it. */
    private static String awaitExec(ContainerState s, String helperExe, Path errFile) {
        if (helperExe == null) {
            return null;
        }
        try {
            while (ProcStat.alive(s.pid(), s.initStartTime())) {
                String now = exe(s.pid());
                if (now != null && !now.equals(helperExe)) {
                    return null;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        try {
            String text = Files.readString(errFile, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? null : text.lines().reduce((a, b) -> b).orElse(text);
        } catch (IOException e) {
            return null;
        }
    }

    /** The target of /proc/PID/exe, or null when the process is gone. */
    private static String exe(int pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Integer.toString(pid), "exe")).toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
