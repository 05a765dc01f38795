package io.husk.cli;

import io.husk.core.features.Features;
import io.husk.core.features.FeaturesJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** runc's {@code features}: what containerd and podman ask a runtime before they build a config for it. */
@Command(name = "features",
        description = "Print the features this runtime supports, as JSON (runtime-spec features.md).")
final class FeaturesCommand implements Runnable {
    @ParentCommand
    HuskCommand parent;

    @Mixin
    HelpOption help;

    @Override
    public void run() {
        System.out.println(FeaturesJson.write(Features.of(parent.husk().plugins(), Version.husk())));
    }
}
