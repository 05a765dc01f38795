package io.husk.cli;

import io.husk.core.HuskException;
import io.husk.core.lifecycle.Containers;
import io.husk.core.lifecycle.StateJson;
import io.husk.core.state.Status;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "list", description = "List the containers.")
final class ListCommand implements Runnable {
    @ParentCommand
    HuskCommand parent;

    @Mixin
    HelpOption help;

    @Option(names = {"--format", "-f"}, defaultValue = "table", description = "table or json.")
    String format;

    @Option(names = {"--quiet", "-q"}, description = "Print only the ids.")
    boolean quiet;

    @Override
    public void run() {
        print(parent.husk().containers(), format, quiet);
    }

    /** runc's list output: a table, JSON, or (quiet) the ids alone. */
    static void print(Containers containers, String format, boolean quiet) {
        if (!format.equals("table") && !format.equals("json")) {
            throw new HuskException("--format: \"" + format + "\" is neither table nor json");
        }
        List<Containers.ContainerSummary> rows = containers.list();
        if (quiet) {
            for (Containers.ContainerSummary r : rows) {
                System.out.println(r.state().id());
            }
        } else if (format.equals("json")) {
            System.out.println(StateJson.list(rows));
        } else {
            StringBuilder out = new StringBuilder();
            row(out, "ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER");
            for (Containers.ContainerSummary r : rows) {
                row(out, r.state().id(), Integer.toString(r.status() == Status.STOPPED ? 0 : r.state().pid()),
                        r.status().label(), r.state().bundle(), r.state().created(), "root");
            }
            System.out.print(out);
        }
    }

    /**
     * One table row in columns as runc's tabwriter aligns them. Padded by hand: printf's Formatter parses its
     * pattern with regular expressions, a few milliseconds of a command that should take forty.
     */
    private static void row(StringBuilder out, String... cells) {
        int[] widths = {20, 8, 10, 40, 30};
        for (int i = 0; i < cells.length; i++) {
            out.append(cells[i]);
            if (i < widths.length) {
                out.append(" ".repeat(Math.max(1, widths[i] + 1 - cells[i].length())));
            }
        }
        out.append('\n');
    }
}
