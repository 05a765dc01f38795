package io.husk.core.hooks;

import io.husk.core.config.Spec;
import io.husk.nativeinit.Op;
import io.husk.nativeinit.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * The hook steps of a container's plan. prestart and createRuntime become HOOKS requests that husk answers
 * by running them in the runtime's namespaces; createContainer and startContainer become HOOK_EXEC steps the
 * init runs itself, after fetching the state they get on stdin (HOOK_STATE, before READY).
 */
public final class HookSteps {
    private HookSteps() {
    }

    /** After the mounts, before pivot_root. Validates every hook of the config first. */
    public static void beforePivot(Spec spec, List<Step> steps) {
        HookValidator.validate(spec);
        for (HookPhase phase : List.of(HookPhase.PRESTART, HookPhase.CREATE_RUNTIME)) {
            if (!phase.of(spec).isEmpty()) {
                steps.add(Step.of(Op.HOOKS, phase.code()));
            }
        }
        if (!HookPhase.CREATE_CONTAINER.of(spec).isEmpty() || !HookPhase.START_CONTAINER.of(spec).isEmpty()) {
            steps.add(Step.of(Op.HOOK_STATE));
        }
        addExecs(HookPhase.CREATE_CONTAINER, spec, steps);
    }

    /** After the start gate, before the privileges are dropped. */
    public static void afterGate(Spec spec, List<Step> steps) {
        addExecs(HookPhase.START_CONTAINER, spec, steps);
    }

    private static void addExecs(HookPhase phase, Spec spec, List<Step> steps) {
        for (Spec.Hook h : phase.of(spec)) {
            List<Object> args = new ArrayList<>();
            args.add(phase.specName());
            args.add(h.path());
            args.add((long) (h.timeout() == null ? 0 : h.timeout()));
            List<String> argv = h.args() == null || h.args().isEmpty() ? List.of(h.path()) : h.args();
            args.add((long) argv.size());
            args.addAll(argv);
            if (h.env() != null) {
                args.addAll(h.env());
            }
            steps.add(Step.of(Op.HOOK_EXEC, args.toArray()));
        }
    }
}
