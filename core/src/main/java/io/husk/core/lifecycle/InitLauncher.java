package io.husk.core.lifecycle;

import io.husk.core.HuskException;
import io.husk.core.config.Spec;
import io.husk.core.hooks.HookPhase;
import io.husk.core.hooks.HookRunner;
import io.husk.core.log.Log;
import io.husk.core.state.ContainerState;
import io.husk.core.state.StateStore;
import io.husk.core.state.Status;
import io.husk.nativeinit.HelperProcess;
import io.husk.nativeinit.Msg;
import io.husk.nativeinit.Plan;
import io.husk.nativeinit.Record;
import java.io.IOException;
import java.util.List;

/**
 * Runs a plan through husk-init and follows the conversation until the init reports READY. The protocol's
 * order is checked: PID comes once, before READY; HOOK_REQUEST only after PID; nothing after READY or ERROR.
 */
final class InitLauncher {
    private final StateStore store;
    private final Spec spec;
    /** config.json's path, which a failure of a step made for one of its fields names. */
    private final String configName;
    private HuskException hookFailure;

    InitLauncher(StateStore store, Spec spec, String configName) {
        this.store = store;
        this.spec = spec;
        this.configName = configName;
    }

    ContainerState launch(Plan plan, ContainerState state, int preserveFds) throws IOException {
        return launch(plan, state, preserveFds, null);
    }

    /** With a console, the socket that receives the master of the container's terminal. */
    ContainerState launch(Plan plan, ContainerState state, int preserveFds, ConsoleSocket console)
            throws IOException {
        int consoleFd = Terminals.consoleFd(spec.process(), console);
        int[] extra = consoleFd >= 0 ? new int[] {consoleFd} : new int[0];
        try (HelperProcess helper = HelperProcess.spawn(preserveFds, Log.debugEnabled() ? 0 : 1, extra)) {
            helper.pumpLogs(line -> Log.helperLine(plan.nameSteps(line)));
            helper.sendPlan(plan);
            ContainerState s = converse(helper, plan, state);
            int status = helper.waitFor();
            if (status != 0) {
                throw new HuskException("husk-init's first process failed with status " + status);
            }
            return s;
        }
    }

    private ContainerState converse(HelperProcess helper, Plan plan, ContainerState state) throws IOException {
        ContainerState s = state;
        while (true) {
            Record r = helper.receive();
            Msg msg = r == null ? null : Msg.of(r.code());
            if (msg == null && hookFailure != null) {
                throw hookFailure;
            }
            if (msg == null) {
                throw earlyExit(helper.waitFor(), s.pid());
            }
            switch (msg) {
                case PID -> {
                    if (s.pid() != 0) {
                        throw new HuskException("protocol: husk-init reported a second pid");
                    }
                    int pid = (int) r.integer(0);
                    s = s.withPid(pid, Creator.startTime(pid));
                    store.write(s);
                }
                case HOOK_REQUEST -> {
                    if (s.pid() == 0) {
                        throw new HuskException("protocol: a hook request before the init's pid");
                    }
                    helper.send(List.of(new Record(Msg.HOOK_DONE.code(), List.of(runHooks(r, s) ? 1L : 0L))));
                }
                case STATE_REQUEST -> {
                    if (s.pid() == 0) {
                        throw new HuskException("protocol: a state request before the init's pid");
                    }
                    helper.send(List.of(new Record(Msg.STATE.code(), List.of(
                            Record.str(StateJson.state(s, Status.CREATING)),
                            Record.str(StateJson.state(s, Status.CREATED))))));
                }
                case READY -> {
                    if (s.pid() == 0) {
                        throw new HuskException("protocol: READY before the init's pid");
                    }
                    s = s.asReady();
                    store.write(s);
                    return s;
                }
                case ERROR -> throw new HuskException(plan.describeFailure(r, "plan", configName));
                default -> throw new HuskException("protocol: unexpected message " + msg + " from husk-init");
            }
        }
    }

    /**
     * The init, or the helper before it, ended without a report: the kernel killed it (the OOM killer under a
     * tight memory limit, someone's kill -9) or a hook it waited for ended it. Says how, from its wait status.
     */
    private static HuskException earlyExit(int helperStatus, int initPid) {
        int status = initPid != 0 ? HelperProcess.reap(initPid, 1000) : helperStatus;
        String who = initPid != 0 ? "the container's init (pid " + initPid + ")" : "husk-init";
        if (status > 128) {
            return new InitKilled(who + " was killed by " + Signals.name(status - 128) + " before it was ready",
                    status - 128);
        }
        return new HuskException(who + (status > 0 ? " exited with status " + status : " exited")
                + " before it was ready");
    }

    /** The init died of a signal during create; the creator may know why (an OOM kill in its cgroup). */
    static final class InitKilled extends HuskException {
        final int signal;

        InitKilled(String message, int signal) {
            super(message);
            this.signal = signal;
        }
    }

    /**
     * Runs prestart or createRuntime hooks for the init, which waits before pivot_root. A failure is remembered
     * and reported once the init has exited on the negative answer.
     */
    private boolean runHooks(Record r, ContainerState s) {
        HookPhase phase = HookPhase.ofCode(r.integer(0));
        if (phase == null || !phase.inRuntime()) {
            throw new HuskException("protocol: hook request for unknown phase " + r.integer(0));
        }
        try {
            // runc's status for the hooks of create: the container is still being made
            HookRunner.runOrFail(phase, spec, StateJson.state(s, Status.CREATING));
            return true;
        } catch (HuskException e) {
            hookFailure = e;
            return false;
        }
    }
}
