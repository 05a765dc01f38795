package io.husk.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "pause", description = "Suspend every process of a running container (cgroup freezer).")
final class PauseCommand implements Runnable {
    @ParentCommand
    HuskCommand parent;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "<container-id>", description = "The container's id.")
    String id;

    @Override
    public void run() {
        parent.husk().containers().pause(id);
    }
}
