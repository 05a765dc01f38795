package io.husk.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "resume", description = "Resume every process of a paused container.")
final class ResumeCommand implements Runnable {
    @ParentCommand
    HuskCommand parent;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "<container-id>", description = "The container's id.")
    String id;

    @Override
    public void run() {
        parent.husk().containers().resume(id);
    }
}
