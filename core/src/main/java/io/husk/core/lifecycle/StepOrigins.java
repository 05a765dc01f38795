package io.husk.core.lifecycle;

import io.husk.nativeinit.Plan;
import io.husk.nativeinit.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The config fields of the plan's steps, kept in the state directory ({@code step-origins}, "index\tfield"
 * lines) for {@code start}: a step after the start gate fails when create's JVM is long gone, and husk-init
 * reports only its number ("index\ttext" in start.err). start names the field from here.
 */
final class StepOrigins {
    static final String FILE = "step-origins";

    private StepOrigins() {
    }

    static void write(Plan plan, Path stateDir) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < plan.steps().size(); i++) {
            Step s = plan.steps().get(i);
            if (s.origin() != null) {
                b.append(i).append('\t').append(s.origin()).append('\n');
            }
        }
        Files.writeString(stateDir.resolve(FILE), b, StandardCharsets.UTF_8);
    }

    /** "config.json: field: text" for a start.err line "index\ttext" of a step made for a field; else the text. */
    static String name(String errLine, Path stateDir, Path config) {
        int tab = errLine.indexOf('\t');
        if (tab < 0) {
            return errLine;
        }
        String index = errLine.substring(0, tab), text = errLine.substring(tab + 1);
        try {
            for (String line : Files.readAllLines(stateDir.resolve(FILE), StandardCharsets.UTF_8)) {
                if (line.startsWith(index + "\t")) {
                    return Plan.inField(config.toString(), line.substring(index.length() + 1), text);
                }
            }
        } catch (IOException e) {
            // no record: the text alone
        }
        return text;
    }
}
