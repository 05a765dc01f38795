package io.husk.cli;

import io.husk.core.HuskException;
import io.husk.core.lifecycle.ConsoleSocket;
import io.husk.core.lifecycle.CreateRequest;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The flags create and run share. */
final class CreateOptions {
    @Parameters(index = "0", paramLabel = "<container-id>", description = "The container's id.")
    String id;

    @Option(names = {"--bundle", "-b"}, description = "Bundle directory (default: the current directory).")
    String bundle;

    @Option(names = "--pid-file", description = "Write the init's pid to this file.")
    String pidFile;

    @Option(names = "--no-pivot", description = "Move the root with MS_MOVE and chroot instead of pivot_root"
            + " (for a rootfs on ramfs).")
    boolean noPivot;

    @Option(names = "--no-new-keyring", description = "Keep the caller's session keyring instead of giving the"
            + " container its own.")
    boolean noNewKeyring;

    @Option(names = "--preserve-fds", description = "Pass this many fds after stdio into the container.",
            defaultValue = "0")
    int preserveFds;

    @Option(names = "--dry-run", description = "Print the plan husk-init would execute, create nothing.")
    boolean dryRun;

    @Option(names = "--console-socket", paramLabel = "<path>", description = "Unix socket that receives the"
            + " master of the container's terminal (process.terminal) with SCM_RIGHTS.")
    String consoleSocket;

    CreateRequest request() {
        return request(null);
    }

    /** With own: the console a foreground run relays itself when no --console-socket is given. */
    CreateRequest request(ConsoleSocket own) {
        if (preserveFds < 0) {
            throw new HuskException("--preserve-fds: must not be negative");
        }
        String b = bundle == null || bundle.isEmpty() ? System.getProperty("user.dir") : bundle;
        ConsoleSocket console = consoleSocket == null || dryRun ? own : Consoles.connect(consoleSocket);
        return new CreateRequest(id, b, pidFile, noPivot, noNewKeyring, preserveFds, dryRun, console);
    }
}
