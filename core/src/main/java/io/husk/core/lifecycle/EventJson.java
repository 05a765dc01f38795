package io.husk.core.lifecycle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.husk.spi.cgroup.Stats;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/** runc's event envelope, one JSON object a line: {@code {"type":...,"id":...,"data":{...}}}. */
final class EventJson {
    private static final JsonFactory JSON = new JsonFactory();

    private EventJson() {
    }

    static String stats(String id, Stats stats) {
        return envelope("stats", id, stats);
    }

    /** OOM events carry no data, as runc's. */
    static String oom(String id) {
        return envelope("oom", id, null);
    }

    private static String envelope(String type, String id, Stats data) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("type", type);
            g.writeStringField("id", id);
            if (data != null) {
                g.writeObjectFieldStart("data");
                field(g, "cpu", data.cpu());
                field(g, "memory", data.memory());
                field(g, "pids", data.pids());
                field(g, "blkio", data.blkio());
                field(g, "hugetlb", data.hugetlb());
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    /** A controller the host lacks is left out. */
    private static void field(JsonGenerator g, String name, Map<String, Object> value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            value(g, value);
        }
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    value(g, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> l -> {
                g.writeStartArray();
                for (Object o : l) {
                    value(g, o);
                }
                g.writeEndArray();
            }
            case long[] a -> {
                g.writeStartArray();
                for (long n : a) {
                    g.writeNumber(n);
                }
                g.writeEndArray();
            }
            case Long n -> g.writeNumber(n);
            case Integer n -> g.writeNumber(n);
            case java.math.BigInteger n -> g.writeNumber(n);
            case Number n -> g.writeNumber(n.doubleValue());
            case Boolean b -> g.writeBoolean(b);
            default -> g.writeString(v.toString());
        }
    }
}
