package io.husk.core.config;

import io.husk.core.HuskException;
import io.husk.core.plan.Capabilities;
import io.husk.core.plan.Scheduling;
import java.util.List;

/** Checks capabilities, scheduler, I/O priority and personality before anything is created. */
final class ProcessSecurityValidator {
    private static final int NICE_MIN = -20, NICE_MAX = 19, RT_PRIO_MAX = 99, IO_PRIO_MAX = 7;

    private ProcessSecurityValidator() {
    }

    static void validate(Spec.Process p, Spec.Linux linux) {
        capabilities(p.capabilities());
        scheduler(p.scheduler());
        ioPriority(p.ioPriority());
        personality(linux == null ? null : linux.personality());
    }

    /** Malformed names are errors here; unknown well-formed ones are warned about when the plan is built. */
    private static void capabilities(Spec.Capabilities c) {
        if (c == null) {
            return;
        }
        String f = "process.capabilities.";
        Capabilities.mask(c.bounding(), f + "bounding", n -> { });
        Capabilities.mask(c.effective(), f + "effective", n -> { });
        Capabilities.mask(c.permitted(), f + "permitted", n -> { });
        Capabilities.mask(c.inheritable(), f + "inheritable", n -> { });
        Capabilities.mask(c.ambient(), f + "ambient", n -> { });
    }

    private static void scheduler(Spec.Scheduler s) {
        if (s == null) {
            return;
        }
        String f = "process.scheduler";
        Integer policy = Scheduling.policy(s.policy());
        if (policy == null) {
            throw new HuskException(f + ".policy: unknown policy \"" + s.policy() + "\"");
        }
        if (s.nice() != null && (s.nice() < NICE_MIN || s.nice() > NICE_MAX)) {
            throw new HuskException(f + ".nice: " + s.nice() + " is outside " + NICE_MIN + ".." + NICE_MAX);
        }
        boolean realtime = policy == Scheduling.SCHED_FIFO || policy == Scheduling.SCHED_RR;
        int prio = s.priority() == null ? 0 : s.priority();
        if (realtime && (prio < 1 || prio > RT_PRIO_MAX)) {
            throw new HuskException(f + ".priority: " + s.policy() + " needs 1.." + RT_PRIO_MAX + ", got " + prio);
        }
        if (!realtime && prio != 0) {
            throw new HuskException(f + ".priority: only SCHED_FIFO and SCHED_RR take a priority");
        }
        boolean deadline = policy == Scheduling.SCHED_DEADLINE;
        if (!deadline && (s.runtime() != null || s.deadline() != null || s.period() != null)) {
            throw new HuskException(f + ": runtime, deadline and period are for SCHED_DEADLINE only");
        }
        if (deadline && (s.runtime() == null || s.deadline() == null)) {
            throw new HuskException(f + ": SCHED_DEADLINE needs runtime and deadline");
        }
        List<String> flags = s.flags() == null ? List.of() : s.flags();
        for (int i = 0; i < flags.size(); i++) {
            if (Scheduling.flag(flags.get(i)) == null) {
                throw new HuskException(f + ".flags[" + i + "]: unknown flag \"" + flags.get(i) + "\"");
            }
        }
    }

    private static void ioPriority(Spec.IoPriority io) {
        if (io == null) {
            return;
        }
        if (Scheduling.ioClass(io.ioClass()) == null) {
            throw new HuskException("process.ioPriority.class: unknown class \"" + io.ioClass() + "\"");
        }
        int prio = io.priority() == null ? 0 : io.priority();
        if (prio < 0 || prio > IO_PRIO_MAX) {
            throw new HuskException("process.ioPriority.priority: " + prio + " is outside 0.." + IO_PRIO_MAX);
        }
    }

    private static void personality(Spec.Personality p) {
        if (p == null) {
            return;
        }
        if (Scheduling.domain(p.domain()) == null) {
            throw new HuskException("linux.personality.domain: unknown domain \"" + p.domain()
                    + "\" (LINUX or LINUX32)");
        }
        if (p.flags() != null && !p.flags().isEmpty()) {
            // The spec defines no flag values yet.
            throw new HuskException("linux.personality.flags: no flags are defined, got " + p.flags());
        }
    }
}
