package io.husk.core.lifecycle;

import io.husk.core.json.JsonText;
import io.husk.core.state.ContainerState;
import io.husk.core.state.Status;
import java.util.List;
import java.util.Map;

/**
 * The runtime-spec state document (plus runc's rootfs and created), laid out as runc prints it. Written by hand:
 * {@code state} and {@code list} print it, and a JSON library's first use would cost them more than the rest of
 * their work.
 */
public final class StateJson {
    private StateJson() {
    }

    /** One container's state, indented by two spaces as {@code runc state} prints it. */
    public static String state(ContainerState s, Status st) {
        return write(new StringBuilder(512), s, st, "\n  ", "").toString();
    }

    /**
     * {@code list --format json}: every container's state on one line. As in runc, list names the owner (husk runs
     * as root only, and the table says root too) where state leaves it empty.
     */
    public static String list(List<Containers.ContainerSummary> rows) {
        StringBuilder b = new StringBuilder(256 * (rows.size() + 1)).append('[');
        for (Containers.ContainerSummary r : rows) {
            if (b.length() > 1) {
                b.append(',');
            }
            write(b, r.state(), r.status(), "", "root");
        }
        return b.append(']').toString();
    }

    /**
     * {@code indent} is what goes before each member: a newline and spaces, or nothing for one line. The members
     * in runc's order; annotations only when there are some.
     */
    private static StringBuilder write(StringBuilder b, ContainerState s, Status st, String indent, String owner) {
        String sep = indent.isEmpty() ? ":" : ": ";
        b.append('{');
        field(b, indent, sep, "ociVersion").append(str(s.ociVersion())).append(',');
        field(b, indent, sep, "id").append(str(s.id())).append(',');
        field(b, indent, sep, "pid").append(st == Status.STOPPED ? 0 : s.pid()).append(',');
        field(b, indent, sep, "status").append(JsonText.quote(st.label())).append(',');
        field(b, indent, sep, "bundle").append(str(s.bundle())).append(',');
        field(b, indent, sep, "rootfs").append(str(s.rootPath())).append(',');
        field(b, indent, sep, "created").append(str(s.created())).append(',');
        if (!s.annotations().isEmpty()) {
            field(b, indent, sep, "annotations").append('{');
            String inner = indent.isEmpty() ? "" : indent + "  ";
            boolean first = true;
            for (Map.Entry<String, String> e : s.annotations().entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                field(b, inner, sep, e.getKey()).append(str(e.getValue()));
            }
            b.append(indent).append("},");
        }
        field(b, indent, sep, "owner").append(JsonText.quote(owner));
        return b.append(indent.isEmpty() ? "" : "\n").append('}');
    }

    private static String str(String value) {
        return value == null ? "null" : JsonText.quote(value);
    }

    private static StringBuilder field(StringBuilder b, String indent, String sep, String name) {
        return JsonText.quote(b.append(indent), name).append(sep);
    }
}
