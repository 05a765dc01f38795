package io.husk.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "create", description = "Create a container, which waits for 'start'. husk itself writes"
        + " nothing to stdout: the container's process inherits it.")
final class CreateCommand implements Runnable {
    @ParentCommand
    HuskCommand parent;

    @Mixin
    HelpOption help;

    @Mixin
    CreateOptions options = new CreateOptions();

    @Override
    public void run() {
        create(parent.husk().containers(), options);
    }

    /** Signals that arrive meanwhile are held, then ignored, as runc's create does (see HeldSignals). */
    static void create(io.husk.core.lifecycle.Containers containers, CreateOptions options) {
        try (HeldSignals held = HeldSignals.hold()) {
            containers.create(options.request(), System.out);
        }
    }
}
