package io.husk.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "delete", description = "Delete a stopped container and everything husk made for it; with"
        + " --force, a created, running or paused one too (killed first).")
final class DeleteCommand implements Runnable {
    @ParentCommand
    HuskCommand parent;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "<container-id>", description = "The container's id.")
    String id;

    @Option(names = {"--force", "-f"}, description = "Kill the container first if it still runs.")
    boolean force;

    @Override
    public void run() {
        parent.husk().containers().delete(id, force);
    }
}
