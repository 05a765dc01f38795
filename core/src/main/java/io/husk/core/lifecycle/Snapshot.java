package io.husk.core.lifecycle;

import io.husk.core.HuskException;
import io.husk.core.config.ConfigLoader;
import io.husk.core.config.Spec;
import io.husk.core.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** The config.json copied into the state directory at create: what start, exec and delete go by. */
public final class Snapshot {
    private Snapshot() {
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
