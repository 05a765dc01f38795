package io.husk.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Fields of the runtime-spec that husk's model does not carry because husk does not implement them. Unknown fields
 * are ignored, as the spec asks; these are known, and a config that sets one is refused by name instead of run
 * without it.
 */
final class UnimplementedFields extends DeserializationProblemHandler {
    private static final Map<Class<?>, Set<String>> FIELDS = Map.of(
            Spec.Linux.class, Set.of("intelRdt", "netDevices", "memoryPolicy"),
            Spec.Process.class, Set.of("execCPUAffinity"));

    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deser,
                                         Object beanOrClass, String name) throws IOException {
        Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
        Set<String> names = FIELDS.get(type);
        if (names == null || !names.contains(name) || p.currentToken() == JsonToken.VALUE_NULL) {
            return false; // truly unknown (or null, which is absent): ignored
        }
        JsonMappingException e = JsonMappingException.from(p, "not implemented by husk; remove it to run without it");
        e.prependPath(beanOrClass, name);
        throw e;
    }
}
