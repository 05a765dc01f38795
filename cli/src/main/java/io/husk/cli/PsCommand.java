package io.husk.cli;

import io.husk.core.HuskException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "ps", description = "List the processes running in the container.")
final class PsCommand implements Runnable {
    @ParentCommand
    HuskCommand parent;

    @Mixin
    HelpOption help;

    @Option(names = {"--format", "-f"}, defaultValue = "table",
            description = "table (ps -ef columns) or json (host pids) (default: ${DEFAULT-VALUE}).")
    String format;

    @Parameters(index = "0", paramLabel = "<container-id>", description = "The container's id.")
    String id;

    @Parameters(index = "1..*", paramLabel = "<ps-options>", description = "Not supported: husk reads /proc.")
    List<String> psOptions;

    @Override
    public void run() {
        if (psOptions != null && !psOptions.isEmpty()) {
            // runc passes these to ps(1); husk builds the table itself, so they would have no effect.
            throw new HuskException("ps: options for ps(1) (" + String.join(" ", psOptions)
                    + ") are not supported; husk prints the ps -ef columns");
        }
        if (!format.equals("table") && !format.equals("json")) {
            throw new HuskException("--format: \"" + format + "\" is neither table nor json");
        }
        parent.husk().containers().ps(id, format, System.out);
    }
}
