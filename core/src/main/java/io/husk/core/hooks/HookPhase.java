package io.husk.core.hooks;

import io.husk.core.config.Spec;
import java.util.List;
import java.util.function.Function;

/**
 * The hook kinds of the runtime spec, in the order of a container's life, with who runs them: husk itself in
 * the runtime's namespaces ({@link #inRuntime()}), or the container's init in the container's namespaces.
 */
public enum HookPhase {
    /** Deprecated by the spec but still used; runs with createRuntime, before it. */
    PRESTART("prestart", 1, true, Spec.Hooks::prestart),
    CREATE_RUNTIME("createRuntime", 2, true, Spec.Hooks::createRuntime),
    CREATE_CONTAINER("createContainer", 3, false, Spec.Hooks::createContainer),
    START_CONTAINER("startContainer", 4, false, Spec.Hooks::startContainer),
    POSTSTART("poststart", 5, true, Spec.Hooks::poststart),
    POSTSTOP("poststop", 6, true, Spec.Hooks::poststop);

    private final String specName;
    private final int code;
    private final boolean inRuntime;
    private final Function<Spec.Hooks, List<Spec.Hook>> list;

    HookPhase(String specName, int code, boolean inRuntime, Function<Spec.Hooks, List<Spec.Hook>> list) {
        this.specName = specName;
        this.code = code;
        this.inRuntime = inRuntime;
        this.list = list;
    }

    /** The field name under {@code hooks} in config.json. */
    public String specName() {
        return specName;
    }

    /** The phase argument of a HOOKS step and of the helper's HOOK_REQUEST. */
    public int code() {
        return code;
    }

    public boolean inRuntime() {
        return inRuntime;
    }

    /** The hooks of this phase in listed order; empty when the config has none. */
    public List<Spec.Hook> of(Spec spec) {
        if (spec == null || spec.hooks() == null) {
            return List.of();
        }
        List<Spec.Hook> hooks = list.apply(spec.hooks());
        return hooks == null ? List.of() : hooks;
    }

    public static HookPhase ofCode(long code) {
        for (HookPhase p : values()) {
            if (p.code == code) {
                return p;
            }
        }
        return null;
    }
}
