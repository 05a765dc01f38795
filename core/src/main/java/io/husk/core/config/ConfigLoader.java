package io.husk.core.config;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.husk.core.HuskException;
import io.husk.spi.IoErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/** Reads a bundle's {@code config.json}; every failure becomes one line naming the file and the field. */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /**
     * Unknown fields are ignored (the spec says so), but not the spec's fields husk does not implement
     * ({@link UnimplementedFields}); everything else is strict: text after the document is an
     * error, and no scalar turns into another kind ({@code "hostname": 5} or {@code "uid": "0"} are refused, as
     * runc's Go decoder refuses them).
     */
    public static ObjectMapper mapper() {
        ObjectMapper m = JsonMapper.builder()
                .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false)
                .build()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
                .addHandler(new UnimplementedFields());
        // No list or map of the spec holds a null ("args": ["sh", null]): refused with its path, not met later.
        m.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer,
                CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            m.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return m;
    }

    public static Spec load(Path configFile) {
        return parse(read(configFile), configFile.toString());
    }

    /** The file's bytes, so a caller can keep exactly what it parsed (the bundle may change meanwhile). */
    public static byte[] read(Path configFile) {
        try {
            return Files.readAllBytes(configFile);
        } catch (NoSuchFileException e) {
            throw new HuskException("no config.json in the bundle: " + configFile + " does not exist");
        } catch (IOException e) {
            throw new HuskException("cannot read " + configFile + ": " + IoErrors.reason(e));
        }
    }

    public static Spec parse(byte[] json, String name) {
        try {
            Spec spec = mapper().readValue(json, Spec.class);
            if (spec == null) {
                throw new HuskException(name + ": empty document");
            }
            return spec;
        } catch (JsonMappingException e) {
            String field = fieldPath(e);
            throw new HuskException(name + ": " + (field.isEmpty() ? "" : "field " + field + ": ") + describe(e));
        } catch (JsonProcessingException e) {
            throw new HuskException(name + ": malformed JSON at line " + e.getLocation().getLineNr() + ": "
                    + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new HuskException("cannot read " + name + ": " + IoErrors.reason(e));
        }
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
            }
        }
        return b.toString();
    }

    /** A value of the wrong kind is told in JSON's words; anything else in Jackson's, cleaned. */
    private static String describe(JsonMappingException e) {
        String msg = e.getOriginalMessage();
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidNullException) {
            return "null is not allowed here";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null && msg != null
                && (msg.startsWith("Cannot construct instance") || msg.startsWith("Cannot deserialize value")
                        || msg.startsWith("Cannot coerce"))) {
            return "expected " + kind(m.getTargetType());
        }
        return firstLine(msg);
    }

    static String kind(Class<?> type) {
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return Number.class.isAssignableFrom(type) || type.isPrimitive() ? "a number" : "another kind of value";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid value";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        int source = line.indexOf("[Source:");
        if (source >= 0) {
            // Jackson's location of a start marker; the line number is said separately.
            line = line.substring(0, source).replaceAll("\\s*\\(?(start marker )?at\\s*$", "").strip();
        }
        // Jackson names its own Java types; users know the JSON.
        return line.replaceAll("`[a-zA-Z.$]+\\$([A-Za-z]+)`", "$1").replaceAll("`java\\.[a-z.]+\\.([A-Za-z]+)`", "$1")
                .replaceAll("Numeric value \\((-?\\d+)\\) out of range of (long|int) \\([^)]*\\)",
                        "$1 is out of range for this field");
    }
}
