package io.husk.core.lifecycle;

import io.husk.core.HuskException;
import io.husk.core.config.ConfigLoader;
import io.husk.core.config.Spec;
import io.husk.core.hooks.HookPhase;
import io.husk.core.state.ConfigHooks;
import io.husk.core.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** The config.json copied into the state directory at create: what start, exec and delete go by. */
public final class Snapshot {
    private Snapshot() {
    }

    /**
     * The config when it declares hooks of this phase, else null (their runner treats null as "no hooks"):
     * start and delete then never load databind and the config model for containers without hooks.
     */
    public static Spec specWithHooks(Path stateDir, HookPhase phase) {
        return ConfigHooks.declares(stateDir.resolve(StateStore.CONFIG), phase.specName()) ? spec(stateDir) : null;
    }

    /** The container's config, or null when create did not get as far as copying it. */
    public static Spec spec(Path stateDir) {
        Path config = stateDir.resolve(StateStore.CONFIG);
        if (!Files.isRegularFile(config)) {
            return null;
        }
        try {
            return ConfigLoader.load(config);
        } catch (HuskException e) {
            return null;
        }
    }
}
