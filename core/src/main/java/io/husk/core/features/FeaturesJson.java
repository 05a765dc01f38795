package io.husk.core.features;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The features document as runc prints it: indented by four spaces, one array element a line, "name": value.
 * Databind rather than husk's hand-written JSON: features is run once by a caller, not on a container's path.
 */
public final class FeaturesJson {
    private FeaturesJson() {
    }

    public static String write(FeaturesDocument d) {
        DefaultIndenter indent = new DefaultIndenter("    ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(indent);
        printer.indentArraysWith(indent);
        try {
            return JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_NULL).build()
                    .writer(printer).writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the features document did not serialise", e);
        }
    }
}
