package io.husk.core;

import dagger.Module;
import dagger.Provides;
import io.husk.core.lifecycle.RuntimeOptions;
import io.husk.core.plugin.Plugins;
import io.husk.core.state.StateStore;
import javax.inject.Singleton;

/** Wires the services of one husk invocation from its global options. */
@Module
public final class HuskModule {
    private HuskModule() {
    }

    @Provides
    @Singleton
    static StateStore stateStore(RuntimeOptions options) {
        return new StateStore(options.root());
    }

    @Provides
    @Singleton
    static Plugins plugins(RuntimeOptions options) {
        return new Plugins(options.pluginsDir());
    }
}
