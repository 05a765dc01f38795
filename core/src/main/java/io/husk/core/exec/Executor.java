package io.husk.core.exec;

import io.husk.core.HuskException;
import io.husk.core.config.Spec;
import io.husk.core.lifecycle.Snapshot;
import io.husk.core.lifecycle.StatusProbe;
import io.husk.core.lifecycle.Terminals;
import io.husk.core.log.Log;
import io.husk.core.plan.ExecPlanCompiler;
import io.husk.core.plugin.Plugins;
import io.husk.core.state.ContainerState;
import io.husk.core.state.StateStore;
import io.husk.core.state.Status;
import io.husk.nativeinit.HelperProcess;
import io.husk.nativeinit.Msg;
import io.husk.nativeinit.Plan;
import io.husk.nativeinit.Record;
import io.husk.spi.IoErrors;
import io.husk.spi.cgroup.CgroupManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code exec}: checks that the container runs, builds the process from the config snapshot and the flags,
 * runs the exec plan through husk-init and returns the new process's host pid once it is set up (READY). The
 * process is husk's child (CLONE_PARENT), so a foreground exec can hand it to the native supervisor.
 */
public final class Executor {
    /** runc's exit status for an exec that fails before its process runs (paused container, bad flags...). */
    public static final int FAILED_STATUS = 255;

    private final StateStore store;
    private final Plugins plugins;
    private final StatusProbe probe;

    public Executor(StateStore store, Plugins plugins, StatusProbe probe) {
        this.store = store;
        this.plugins = plugins;
        this.probe = probe;
    }

    public int exec(ExecRequest req) {
        ContainerState s = store.read(StateStore.validateId(req.id()));
        if (s == null) {
            throw new HuskException("container \"" + req.id() + "\" does not exist");
        }
        Path dir = store.dir(req.id());
        Status st = probe.status(s, dir);
        if (st == Status.PAUSED && !req.ignorePaused()) {
            throw new HuskException("cannot exec in container " + req.id()
                    + ": it is paused (--ignore-paused execs anyway; the process waits until resume)");
        }
        if (st != Status.RUNNING && st != Status.CREATED && st != Status.PAUSED) {
            throw new HuskException("cannot exec in container " + req.id() + ": it is " + st.label());
        }
        Spec config = Snapshot.spec(dir);
        if (config == null) {
            throw new HuskException("cannot exec in container " + req.id() + ": its config snapshot is missing");
        }
        Path rootfs = Path.of(s.rootPath());
        Spec spec = new Spec(config.ociVersion(), ExecProcess.build(config.process(), req, rootfs), config.root(),
                config.hostname(), config.domainname(), config.mounts(), null, config.annotations(), config.linux());
        int consoleFd = Terminals.consoleFd(spec.process(), req.console());
        Plan plan = ExecPlanCompiler.compile(spec, s.pid(), cgroup(s).procsFiles(), Path.of(s.bundle()), rootfs,
                plugins.sync(s).gate(dir), req.preserveFds(), Log::warn, s.sessionKeyring());
        try {
            int pid = run(plan, req.preserveFds(), consoleFd);
            writePidFile(req.pidFile(), pid);
            return pid;
        } catch (IOException e) {
            throw new HuskException("exec in container " + req.id() + ": " + IoErrors.describe(e));
        }
    }

    private CgroupManager cgroup(ContainerState s) {
        return plugins.cgroup(s);
    }

    private static int run(Plan plan, int preserveFds, int consoleFd) throws IOException {
        int[] extra = consoleFd >= 0 ? new int[] {consoleFd} : new int[0];
        try (HelperProcess helper = HelperProcess.spawn(preserveFds, Log.debugEnabled() ? 0 : 1, extra)) {
            helper.pumpLogs(line -> Log.helperLine(plan.nameSteps(line)));
            helper.sendPlan(plan);
            int pid = 0;
            boolean ready = false;
            while (true) {
                Record r = helper.receive();
                Msg msg = r == null ? null : Msg.of(r.code());
                if (msg == null && ready) {
                    return pid; // the control socket closed on exec: the execve succeeded
                }
                if (msg == null) {
                    int status = helper.waitFor();
                    throw new HuskException("the exec'd process ended before it was set up"
                            + (status > 0 ? " (status " + status + ")" : ""));
                }
                switch (msg) {
                    case PID -> pid = (int) r.integer(0);
                    case READY -> {
                        if (pid == 0 || ready) {
                            throw new HuskException("protocol: READY before the process's pid, or twice");
                        }
                        helper.waitFor();
                        ready = true;
                    }
                    case ERROR -> throw new HuskException(plan.describeFailure(r, "exec plan", null));
                    default -> throw new HuskException("protocol: unexpected message " + msg + " from husk-init");
                }
            }
        }
    }

    /** Only the decimal pid, no newline, replaced atomically (what the runtime tools parse). */
    private static void writePidFile(String pidFile, int pid) throws IOException {
        if (pidFile == null || pidFile.isEmpty()) {
            return;
        }
        Path target = Path.of(pidFile).toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".husk-tmp");
        Files.writeString(tmp, Integer.toString(pid));
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
