package io.husk.nativeinit;

import java.util.ArrayList;
import java.util.List;

/** An ordered list of steps for husk-init. Steps up to {@link Op#CLONE} run on the host side. */
public record Plan(List<Step> steps) {

    public Plan {
        steps = List.copyOf(steps);
    }

    /** The plan as one frame: a PLAN record [version, count] and one record per step. */
    public byte[] encode() {
        List<Record> records = new ArrayList<>(steps.size() + 1);
        records.add(new Record(Msg.PLAN.code(), List.of((long) Protocol.VERSION, (long) steps.size())));
        for (Step s : steps) {
            records.add(s.toRecord());
        }
        return Record.frame(records);
    }

    /** One numbered line per step, for {@code husk create --dry-run}. */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append("# husk-init plan, protocol ").append(Protocol.VERSION).append(", ").append(steps.size())
                .append(" steps; steps before 'clone' run on the host, the rest in the container's init\n");
        for (int i = 0; i < steps.size(); i++) {
            b.append(String.format("%3d  %s%n", i, steps.get(i).describe()));
        }
        return b.toString();
    }

    public Step step(int index) {
        return index >= 0 && index < steps.size() ? steps.get(index) : null;
    }

    /**
     * husk-init's MSG_ERROR [step, op, errno, path, text] as one line, "text (WHAT step N: op)": the text names the
     * path and the errno. With {@code config}, a step made for a config field is led by the file and the field.
     */
    public String describeFailure(Record error, String what, String config) {
        int index = (int) error.integer(0);
        Step step = step(index);
        Op op = step != null ? step.op() : Op.of((int) error.integer(1));
        String text = error.string(4) + (op == null ? "" : " (" + what + " step " + index + ": " + op.label() + ")");
        return step != null && step.origin() != null && config != null ? inField(config, step.origin(), text) : text;
    }

    /** "config.json: field: text", how a failure that one field of the config caused is said. */
    public static String inField(String config, String field, String text) {
        return config + ": " + field + ": " + text;
    }

    /**
     * A line of husk-init's debug log with its step named: the helper knows only numbers ("debug step 3 op 9"),
     * husk turns it into "debug step 3: mount" as --dry-run names them. Other lines pass unchanged.
     */
    public String nameSteps(String line) {
        int at = line.indexOf(" step ");
        int op = line.indexOf(" op ", at + 1);
        if (at < 0 || op < 0) {
            return line;
        }
        Step step;
        try {
            step = step(Integer.parseInt(line.substring(at + 6, op)));
        } catch (NumberFormatException e) {
            return line;
        }
        return step == null ? line : line.substring(0, op) + ": " + step.op().label();
    }
}
