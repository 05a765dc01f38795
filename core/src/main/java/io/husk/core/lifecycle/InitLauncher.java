package io.husk.core.lifecycle;

import io.husk.core.HuskException;
import io.husk.core.config.Spec;
import io.husk.core.log.Log;
import io.husk.core.state.ContainerState;
import io.husk.core.state.StateStore;
import io.husk.nativeinit.HelperProcess;
import io.husk.nativeinit.Msg;
import io.husk.nativeinit.Op;
import io.husk.nativeinit.Plan;
import io.husk.nativeinit.Record;
import io.husk.nativeinit.Step;
import java.io.IOException;
import java.util.List;

/**
 * Runs a plan through husk-init and follows the conversation until the init reports READY. The protocol's
 * order is checked: PID comes once, before READY; HOOK_REQUEST only after PID; nothing after READY or ERROR.
 */
final class InitLauncher {
    private final StateStore store;
    private final Spec spec;

    InitLauncher(StateStore store, Spec spec) {
        this.store = store;
        this.spec = spec;
    }

    ContainerState launch(Plan plan, ContainerState state, int preserveFds) throws IOException {
        try (HelperProcess helper = HelperProcess.spawn(preserveFds, Log.debugEnabled() ? 0 : 1)) {
            helper.pumpLogs(Log::helperLine);
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
            if (msg == null) {
                int status = helper.waitFor();
                throw new HuskException("the container's init exited before it was ready"
                        + (status > 0 ? " (status " + status + ")" : ""));
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
                    helper.send(List.of(new Record(Msg.HOOK_DONE.code(), List.of(1L))));
                }
                case READY -> {
                    if (s.pid() == 0) {
                        throw new HuskException("protocol: READY before the init's pid");
                    }
                    s = s.asReady();
                    store.write(s);
                    return s;
                }
                case ERROR -> throw new HuskException(describeError(plan, r));
                default -> throw new HuskException("protocol: unexpected message " + msg + " from husk-init");
            }
        }
    }

    /** "text (plan step N: op)"; the text already names the path and the errno. */
    static String describeError(Plan plan, Record r) {
        int index = (int) r.integer(0);
        Step step = plan.step(index);
        Op op = step != null ? step.op() : Op.of((int) r.integer(1));
        String text = r.string(4);
        return text + (op == null ? "" : " (plan step " + index + ": " + op.label() + ")");
    }
}
