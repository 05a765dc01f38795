package io.husk.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.husk.core.HuskException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a bundle's {@code config.json}; every failure becomes one line naming the file and the field. */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
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
            throw new HuskException("cannot read " + configFile + ": " + e.getMessage());
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
            throw new HuskException(name + ": " + (field.isEmpty() ? "" : "field " + field + ": ")
                    + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new HuskException(name + ": malformed JSON at line " + e.getLocation().getLineNr() + ": "
                    + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new HuskException("cannot read " + name + ": " + e.getMessage());
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

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid value";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        // Jackson names its own Java types; users know the JSON.
        return line.replaceAll("`[a-zA-Z.$]+\\$([A-Za-z]+)`", "$1").replaceAll("`java\\.[a-z.]+\\.([A-Za-z]+)`", "$1");
    }
}
