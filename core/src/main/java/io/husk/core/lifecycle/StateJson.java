package io.husk.core.lifecycle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.husk.core.state.ContainerState;
import io.husk.core.state.Status;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/** The runtime-spec state document (plus runc's rootfs and created), written with jackson-core streaming. */
public final class StateJson {
    private static final JsonFactory JSON = new JsonFactory();

    private StateJson() {
    }

    public static String state(ContainerState s, Status st) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w).useDefaultPrettyPrinter()) {
            write(g, s, st);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    public static String list(List<Containers.ContainerSummary> rows) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartArray();
            for (Containers.ContainerSummary r : rows) {
                write(g, r.state(), r.status());
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    private static void write(JsonGenerator g, ContainerState s, Status st) throws IOException {
        g.writeStartObject();
        g.writeStringField("ociVersion", s.ociVersion());
        g.writeStringField("id", s.id());
        g.writeStringField("status", st.label());
        g.writeNumberField("pid", st == Status.STOPPED ? 0 : s.pid());
        g.writeStringField("bundle", s.bundle());
        g.writeStringField("rootfs", s.rootPath());
        g.writeStringField("created", s.created());
        g.writeStringField("owner", "");
        g.writeObjectFieldStart("annotations");
        for (Map.Entry<String, String> e : s.annotations().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}
