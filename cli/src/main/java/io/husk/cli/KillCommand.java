package io.husk.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "kill", description = "Send a signal (default TERM) to the container's init.")
final class KillCommand implements Runnable {
    @ParentCommand
    HuskCommand parent;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "<container-id>", description = "The container's id.")
    String id;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<signal>", defaultValue = "TERM",
            description = "A name (KILL or SIGKILL) or a number; 0 only checks that the init is there"
                    + " (default: TERM).")
    String signal;

    @Option(names = {"--all", "-a"}, description = "Send it to every process in the container.")
    boolean all;

    @Override
    public void run() {
        parent.husk().containers().kill(id, signal, all);
    }
}
