package io.husk.core.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * state.json with jackson-core's streaming API only: the frequent commands (state, kill, start, delete, list)
 * read it on every call, and databind's start-up cost would dominate them.
 */
public final class StateCodec {
    private static final JsonFactory JSON = new JsonFactory();

    private StateCodec() {
    }

    public static byte[] write(ContainerState s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("ociVersion", s.ociVersion());
            g.writeStringField("id", s.id());
            g.writeStringField("bundle", s.bundle());
            g.writeNumberField("pid", s.pid());
            g.writeNumberField("initStartTime", s.initStartTime());
            g.writeStringField("created", s.created());
            writeMap(g, "annotations", s.annotations());
            g.writeStringField("cgroupDriver", s.cgroupDriver());
            g.writeStringField("cgroupsPath", s.cgroupsPath());
            g.writeArrayFieldStart("cgroupCreated");
            for (String d : s.cgroupCreated()) {
                g.writeString(d);
            }
            g.writeEndArray();
            g.writeStringField("rootfsStrategy", s.rootfsStrategy());
            g.writeStringField("rootPath", s.rootPath());
            g.writeBooleanField("rootReadonly", s.rootReadonly());
            g.writeStringField("syncBackend", s.syncBackend());
            g.writeBooleanField("ready", s.ready());
            if (s.hostMounts() != null) {
                writeHostMounts(g, s.hostMounts());
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void writeHostMounts(JsonGenerator g, HostMounts h) throws IOException {
        g.writeObjectFieldStart("hostMounts");
        g.writeStringField("root", h.root());
        g.writeArrayFieldStart("kept");
        for (int id : h.kept()) {
            g.writeNumber(id);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    @SuppressWarnings("unchecked")
    private static HostMounts hostMounts(Object o) {
        if (!(o instanceof Map<?, ?> m)) {
            return null;
        }
        List<Integer> kept = new ArrayList<>();
        for (Object id : (List<Object>) ((Map<String, Object>) m).getOrDefault("kept", List.of())) {
            kept.add(((Number) id).intValue());
        }
        return new HostMounts(str((Map<String, Object>) m, "root"), kept);
    }

    static void writeMap(JsonGenerator g, String name, Map<String, String> map) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : map.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    @SuppressWarnings("unchecked")
    public static ContainerState read(byte[] json) throws IOException {
        Map<String, Object> m;
        try (JsonParser p = JSON.createParser(json)) {
            p.nextToken();
            m = (Map<String, Object>) value(p);
        }
        Map<String, String> ann = new LinkedHashMap<>();
        ((Map<String, Object>) m.getOrDefault("annotations", Map.of())).forEach((k, v) -> ann.put(k, (String) v));
        List<String> created = new ArrayList<>();
        for (Object o : (List<Object>) m.getOrDefault("cgroupCreated", List.of())) {
            created.add((String) o);
        }
        return new ContainerState(str(m, "ociVersion"), str(m, "id"), str(m, "bundle"),
                ((Number) m.getOrDefault("pid", 0)).intValue(),
                ((Number) m.getOrDefault("initStartTime", 0)).longValue(), str(m, "created"), ann,
                str(m, "cgroupDriver"), str(m, "cgroupsPath"), created, str(m, "rootfsStrategy"),
                str(m, "rootPath"), Boolean.TRUE.equals(m.get("rootReadonly")), str(m, "syncBackend"),
                Boolean.TRUE.equals(m.get("ready")), hostMounts(m.get("hostMounts")));
    }

    private static String str(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v == null ? null : v.toString();
    }

    /** A JSON value as Map, List, String, Number, Boolean or null. */
    static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    p.nextToken();
                    m.put(k, value(p));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return p.getNumberValue();
            }
            case VALUE_TRUE -> {
                return true;
            }
            case VALUE_FALSE -> {
                return false;
            }
            default -> {
                return null;
            }
        }
    }
}
