package io.husk.core.plan;

import io.husk.core.config.Spec;
import io.husk.nativeinit.HelperProcess;
import io.husk.nativeinit.Op;
import io.husk.nativeinit.Step;
import java.util.List;

/**
 * The terminal of {@code process.terminal}: made by the init from the container's /dev/ptmx after pivot_root
 * (so the pty belongs to the container's devpts), its master sent to the console socket husk passed as the
 * helper's first extra fd, its slave made the process's stdio and controlling terminal. For the container's
 * own process (not exec) the slave is also bind-mounted on /dev/console, as the runtime-spec asks.
 */
public final class ConsoleStep {
    private ConsoleStep() {
    }

    /**
     * @param devConsole whether the slave is bound on /dev/console: true for create, whose plan puts the step
     *     before /dev or the root can turn read-only; false for exec, which must not replace the container's
     */
    public static void add(Spec.Process process, int preserveFds, boolean devConsole, List<Step> steps) {
        if (!Boolean.TRUE.equals(process.terminal())) {
            return;
        }
        Spec.Box size = process.consoleSize();
        long uid = process.user() == null || process.user().uid() == null ? 0 : process.user().uid();
        steps.add(Step.of(Op.CONSOLE, HelperProcess.extraFd(preserveFds, 0), size == null ? 0 : size.height(),
                size == null ? 0 : size.width(), uid, devConsole ? 1 : 0).from("process.terminal"));
    }
}
