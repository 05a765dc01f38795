package io.husk.core;

import dagger.BindsInstance;
import dagger.Component;
import io.husk.core.lifecycle.Containers;
import io.husk.core.lifecycle.RuntimeOptions;
import io.husk.core.plugin.Plugins;
import javax.inject.Singleton;

/** The object graph of one husk invocation; the CLI builds it once from the global flags. */
@Singleton
@Component(modules = HuskModule.class)
public interface Husk {
    Containers containers();

    RuntimeOptions options();

    Plugins plugins();

    static Husk create(RuntimeOptions options) {
        return DaggerHusk.factory().create(options);
    }

    @Component.Factory
    interface Factory {
        Husk create(@BindsInstance RuntimeOptions options);
    }
}
