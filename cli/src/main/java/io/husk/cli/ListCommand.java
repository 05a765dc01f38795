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
            List<String[]> table = new java.util.ArrayList<>();
            table.add(new String[] {"ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER"});
            for (Containers.ContainerSummary r : rows) {
                table.add(new String[] {r.state().id(),
                        Integer.toString(r.status() == Status.STOPPED ? 0 : r.state().pid()), r.status().label(),
                        r.state().bundle(), r.state().created(), "root"});
            }
            System.out.print(aligned(table));
        }
    }

    /**
     * Columns as runc's tabwriter sets them (minimum width 12, 3 spaces of padding), as wide as their widest
     * cell. Padded by hand: printf's Formatter parses its pattern with regular expressions, a few milliseconds of
     * a command that should take forty.
     */
    static String aligned(List<String[]> table) {
        int columns = table.getFirst().length;
        int[] widths = new int[columns];
        for (String[] row : table) {
            for (int i = 0; i < columns - 1; i++) {
                widths[i] = Math.max(widths[i], Math.max(12, row[i].length() + 3));
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : table) {
            for (int i = 0; i < columns; i++) {
                out.append(row[i]);
                if (i < columns - 1) {
                    out.append(" ".repeat(widths[i] - row[i].length()));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }
}
