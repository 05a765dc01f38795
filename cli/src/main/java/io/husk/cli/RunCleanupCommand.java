package io.husk.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The last part of a foreground {@code run}, started by husk-init's supervisor once the container exited:
 * removes the container and exits with its status (HUSK_EXIT_STATUS). Not meant to be typed by users.
 */
@Command(name = "run-cleanup", hidden = true)
final class RunCleanupCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    HuskCommand parent;

    @Mixin
    HelpOption help;

    @Parameters(index = "0")
    String id;

    @Override
    public Integer call() {
        return cleanUp(parent.husk().containers(), id);
    }

    /** Deletes the container; the exit status is the container's, as the supervisor passed it. */
    static int cleanUp(io.husk.core.lifecycle.Containers containers, String id) {
        containers.delete(id, true);
        String status = System.getenv("HUSK_EXIT_STATUS");
        try {
            return status == null ? 255 : Integer.parseInt(status);
        } catch (NumberFormatException e) {
            return 255;
        }
    }
}
