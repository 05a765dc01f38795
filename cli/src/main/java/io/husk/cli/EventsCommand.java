package io.husk.cli;

import io.husk.core.lifecycle.Containers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "events", description = "Print the container's resource usage and OOM notifications as JSON"
        + " events, every interval until it stops.")
final class EventsCommand implements Runnable {
    @ParentCommand
    HuskCommand parent;

    @Mixin
    HelpOption help;

    @Option(names = "--interval", defaultValue = "5s",
            description = "Time between two stats events (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--stats", description = "Print the stats once and exit.")
    boolean stats;

    @Parameters(index = "0", paramLabel = "<container-id>", description = "The container's id.")
    String id;

    @Override
    public void run() {
        java.time.Duration every = Containers.eventsInterval(interval); // checked with --stats too: runc does
        parent.husk().containers().events(id, stats ? null : every, System.out);
    }
}
