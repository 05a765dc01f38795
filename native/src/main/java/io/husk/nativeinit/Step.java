package io.husk.nativeinit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One step of a plan: an {@link Op} and its arguments (Long, String, or {@link Raw} bytes), and the config field
 * it comes from ({@code mounts[3]}, {@code hostname}; null for steps of husk's own), which a failure names.
 */
public record Step(Op op, List<Object> args, String origin) {

    /** Opaque bytes (a compiled BPF program). */
    public record Raw(byte[] bytes) {
    }

    public Step {
        args = List.copyOf(args);
    }

    public static Step of(Op op, Object... args) {
        List<Object> list = new ArrayList<>(args.length);
        for (Object a : args) {
            list.add(a instanceof Number n ? (Object) n.longValue() : a);
        }
        return new Step(op, list, null);
    }

    /** This step, made for the config field {@code field}. */
    public Step from(String field) {
        return new Step(op, args, field);
    }

    /** Marks the steps from index {@code from} on as made for {@code field}. */
    public static void tag(List<Step> steps, int from, String field) {
        for (int i = from; i < steps.size(); i++) {
            steps.set(i, steps.get(i).from(field));
        }
    }

    Record toRecord() {
        List<Object> wire = new ArrayList<>(args.size());
        for (Object a : args) {
            switch (a) {
                case Long l -> wire.add(l);
                case String s -> wire.add(Record.str(s));
                case Raw r -> wire.add(Record.bytes(r.bytes()));
                default -> throw new IllegalArgumentException("unsupported plan argument " + a);
            }
        }
        return new Record(op.code(), wire);
    }

    /** The step in one readable line, such as {@code mount source=proc target=/proc fstype=proc flags=0xe}. */
    public String describe() {
        if (op == Op.EXEC) {
            return describeExec();
        }
        StringBuilder b = new StringBuilder(op.label());
        List<String> names = op.argNames();
        for (int i = 0; i < args.size(); i++) {
            String name = i < names.size() ? names.get(i) : names.isEmpty() ? "arg" : names.getLast();
            b.append(' ').append(name.replace("...", "")).append('=').append(render(name, args.get(i)));
        }
        return b.toString();
    }

    /** exec argv=[...] env=[...]: the argument count splits the list. */
    private String describeExec() {
        int argc = (int) (long) (Long) args.getFirst();
        List<String> argv = new ArrayList<>(), env = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            (i <= argc ? argv : env).add(render("arg", args.get(i)));
        }
        return op.label() + " argv=[" + String.join(", ", argv) + "] env=[" + String.join(", ", env) + "]";
    }

    private static String render(String name, Object v) {
        return switch (v) {
            case Long l when name.equals("flags") || name.equals("propagation") || name.equals("bounding")
                    || name.equals("effective") || name.equals("permitted") || name.equals("inheritable")
                    || name.equals("ambient") -> "0x" + Long.toHexString(l);
            case Long l when name.equals("mode") -> "0" + Long.toOctalString(l);
            case Long l -> Long.toString(l);
            case String s when s.isEmpty() -> "\"\"";
            case String s when s.chars().anyMatch(ch -> ch <= ' ' || ch == '"') -> quote(s);
            case String s -> s;
            case Raw r -> r.bytes().length + " bytes sha-" + HexFormat.of().formatHex(
                    java.util.Arrays.copyOf(r.bytes(), Math.min(4, r.bytes().length)));
            default -> String.valueOf(v);
        };
    }

    private static String quote(String s) {
        return '"' + new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                .replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
