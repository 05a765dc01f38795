package io.husk.cli;

import io.husk.core.Husk;
import io.husk.core.HuskException;
import io.husk.core.lifecycle.ConsoleSocket;
import io.husk.core.lifecycle.Containers;
import io.husk.nativeinit.ConsoleSockets;
import io.husk.nativeinit.Supervisor;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * create + start. In the foreground this JVM then replaces itself with husk-init's small supervisor, which
 * forwards signals (or relays the container's terminal) and waits, so no JVM stays resident while the container
 * runs; when the container exits, the supervisor runs {@code husk run-cleanup}, which deletes it and exits with
 * the container's status.
 */
@Command(name = "run", description = "Create and start a container; wait for it unless --detach.")
final class RunCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    HuskCommand parent;

    @Mixin
    HelpOption help;

    @Mixin
    CreateOptions options = new CreateOptions();

    @Option(names = {"--detach", "-d"}, description = "Return once the container runs.")
    boolean detach;

    @Option(names = "--keep", description = "Keep the stopped container after it exits (delete removes it).")
    boolean keep;

    @Option(names = "--no-subreaper", description = "Accepted for runc's callers: husk's supervisor never makes"
            + " itself a subreaper, so orphans go to the container's init or the host's, as with runc's flag.")
    boolean noSubreaper;

    @Override
    public Integer call() {
        return run(parent.husk(), options, detach, keep);
    }

    /** create, start, then (in the foreground) become the supervisor; picocli and FrequentCommands both call it. */
    static int run(Husk husk, CreateOptions options, boolean detach, boolean keep) {
        if (keep && detach) {
            throw new HuskException("--keep: only a foreground run deletes its container, so --detach keeps it"
                    + " anyway; give one of them");
        }
        // INT, TERM and HUP are held until the container runs, then handed to it (see HeldSignals).
        try (HeldSignals held = HeldSignals.hold()) {
            Containers c = husk.containers();
            boolean relay = !detach && !options.dryRun && options.consoleSocket == null;
            int[] pair = relay ? Consoles.relayPair() : null;
            int pid = c.create(options.request(relay ? new ConsoleSocket(pair[0], true) : null), System.out);
            if (options.dryRun) {
                return 0;
            }
            try {
                c.start(options.id);
            } catch (HuskException e) {
                c.delete(options.id, true);
                throw e;
            }
            if (detach) {
                return 0;
            }
            List<String> cleanup = cleanupCommand(husk, options.id, keep);
            System.out.flush();
            System.err.flush();
            int supervised = -1;
            if (relay) {
                ConsoleSockets.close(pair[0]); // the init has its copy; EOF tells the supervisor "no terminal"
                supervised = pair[1];
            }
            for (int sig : held.caught()) {
                forward(c, options.id, sig);
            }
            throw new HuskException("run: " + Supervisor.become(pid, supervised, cleanup).getMessage());
        }
    }

    /** Without a cleanup command the supervisor exits with the container's status and leaves it stopped. */
    private static List<String> cleanupCommand(Husk husk, String id, boolean keep) {
        List<String> cleanup = new ArrayList<>();
        if (!keep) {
            cleanup.addAll(husk.options().launcher());
            cleanup.add("run-cleanup");
            cleanup.add("--");
            cleanup.add(id);
        }
        return cleanup;
    }

    private static void forward(Containers c, String id, int sig) {
        try {
            c.kill(id, Integer.toString(sig), false);
        } catch (HuskException e) {
            // it has exited already; the supervisor reports its status
        }
    }
}
