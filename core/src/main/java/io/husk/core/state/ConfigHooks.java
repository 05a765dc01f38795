package io.husk.core.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a config.json declares hooks of one kind, found with jackson-core's streaming API. start and delete
 * run poststart and poststop hooks from the config snapshot, but most containers have none: asking first keeps
 * databind and the full config model (hundreds of milliseconds at JVM start-up) off those frequent commands.
 */
public final class ConfigHooks {
    private static final JsonFactory JSON = new JsonFactory();

    private ConfigHooks() {
    }

    /**
     * False only when the file exists, parses, and has no non-empty {@code hooks.<kind>} array. Anything
     * unexpected answers true, so that the full loader sees the file and reports what is wrong with it.
     */
    public static boolean declares(Path config, String kind) {
        if (!Files.isRegularFile(config)) {
            return false;
        }
        try (JsonParser p = JSON.createParser(Files.readAllBytes(config))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return true;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("hooks")) {
                    return hooksDeclare(p, kind);
                }
                p.skipChildren();
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    private static boolean hooksDeclare(JsonParser p, String kind) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return p.currentToken() != JsonToken.VALUE_NULL;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals(kind)) {
                return value != JsonToken.VALUE_NULL
                        && !(value == JsonToken.START_ARRAY && p.nextToken() == JsonToken.END_ARRAY);
            }
            p.skipChildren();
        }
        return false;
    }
}
