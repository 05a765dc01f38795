package io.husk.cli;

import io.husk.core.HuskException;
import io.husk.core.lifecycle.Containers;
import io.husk.core.lifecycle.StateJson;
import io.husk.core.state.Status;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "list", description = "List the containers.")
final class ListCommand implements Runnable {
    @ParentCommand
    HuskCommand parent;

    @Option(names = {"--format", "-f"}, defaultValue = "table", description = "table or json.")
    String format;

    @Option(names = {"--quiet", "-q"}, description = "Print only the ids.")
    boolean quiet;

    @Override
    public void run() {
        if (!format.equals("table") && !format.equals("json")) {
            throw new HuskException("--format: \"" + format + "\" is neither table nor json");
        }
        List<Containers.ContainerSummary> rows = parent.husk().containers().list();
        if (quiet) {
            rows.forEach(r -> System.out.println(r.state().id()));
        } else if (format.equals("json")) {
            System.out.println(StateJson.list(rows));
        } else {
            String f = "%-20s %-8s %-10s %-40s %-30s %s%n";
            System.out.printf(f, "ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER");
            for (Containers.ContainerSummary r : rows) {
                System.out.printf(f, r.state().id(), r.status() == Status.STOPPED ? 0 : r.state().pid(),
                        r.status().label(), r.state().bundle(), r.state().created(), "root");
            }
        }
    }
}
