package io.husk.core.hooks;

import io.husk.core.HuskException;
import io.husk.core.config.Spec;
import java.util.List;

/** Checks every hook of the config before anything runs: absolute paths, positive timeouts, KEY=VALUE env. */
public final class HookValidator {
    private HookValidator() {
    }

    public static void validate(Spec spec) {
        for (HookPhase phase : HookPhase.values()) {
            List<Spec.Hook> hooks = phase.of(spec);
            for (int i = 0; i < hooks.size(); i++) {
                check(hooks.get(i), "hooks." + phase.specName() + "[" + i + "]");
            }
        }
    }

    private static void check(Spec.Hook h, String field) {
        if (h == null) {
            throw new HuskException(field + ": must be an object");
        }
        if (h.path() == null || !h.path().startsWith("/")) {
            throw new HuskException(field + ".path: \"" + h.path() + "\" is not an absolute path");
        }
        if (h.timeout() != null && h.timeout() <= 0) {
            throw new HuskException(field + ".timeout: " + h.timeout() + " is not a positive number of seconds");
        }
        if (h.env() != null) {
            for (String kv : h.env()) {
                if (kv == null || kv.indexOf('=') <= 0) {
                    throw new HuskException(field + ".env: \"" + kv + "\" is not KEY=VALUE");
                }
            }
        }
    }
}
