package io.husk.core.plan;

import io.husk.core.config.Spec;
import io.husk.nativeinit.HelperProcess;
import io.husk.nativeinit.Op;
import io.husk.nativeinit.Step;
import java.util.List;

/**
 * The terminal of {@code process.terminal}: made by the init from the container's /dev/ptmx after pivot_root
 * (so the pty belongs to the container's devpts), its master sent to the console socket husk passed as the
 * helper's first extra fd, its slave made the process's stdio and controlling terminal.
 */
public final class ConsoleStep {
    private ConsoleStep() {
    }

    public static void add(Spec.Process process, int preserveFds, List<Step> steps) {
        if (!Boolean.TRUE.equals(process.terminal())) {
            return;
        }
        Spec.Box size = process.consoleSize();
        long uid = process.user() == null || process.user().uid() == null ? 0 : process.user().uid();
        steps.add(Step.of(Op.CONSOLE, HelperProcess.extraFd(preserveFds, 0), size == null ? 0 : size.height(),
                size == null ? 0 : size.width(), uid));
    }
}
