package io.husk.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.husk.core.HuskException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How config.json is read: strict about kinds and trailing text, lenient about unknown fields. */
class ConfigLoaderTest {
    private static final String GOOD = """
            {"ociVersion": "1.2.0", "root": {"path": "rootfs"}, "process": {"args": ["sh"], "cwd": "/"},
             "hostname": "h", "x-unknown": {"any": [1, 2]}}""";

    private static String refused(String json) {
        HuskException e = assertThrows(HuskException.class,
                () -> ConfigLoader.parse(json.getBytes(StandardCharsets.UTF_8), "/b/config.json"));
        String m = e.getMessage();
        assertTrue(m.startsWith("/b/config.json: "), m);
        assertFalse(m.contains("\n") || m.contains("[Source") || m.contains("java.") || m.contains("Creator"), m);
        return m;
    }

    @Test
    void unknownFieldsAreIgnored() {
        assertEquals("h", ConfigLoader.parse(GOOD.getBytes(StandardCharsets.UTF_8), "c").hostname());
    }

    @Test
    void specFieldsHuskDoesNotImplementAreRefusedByNameNotIgnored() {
        String rdt = GOOD.replace("\"hostname\": \"h\"", "\"linux\": {\"intelRdt\": {\"closID\": \"x\"}}");
        assertEquals("/b/config.json: field linux.intelRdt: not implemented by husk; remove it to run without it",
                refused(rdt));
        String affinity = GOOD.replace("\"cwd\": \"/\"", "\"cwd\": \"/\", \"execCPUAffinity\": {\"initial\": \"0\"}");
        assertTrue(refused(affinity).contains("field process.execCPUAffinity: not implemented"), refused(affinity));
        String absent = GOOD.replace("\"hostname\": \"h\"", "\"linux\": {\"intelRdt\": null}");
        ConfigLoader.parse(absent.getBytes(StandardCharsets.UTF_8), "c");
    }

    @Test
    void aNullInAListOrMapIsRefusedWithItsPath() {
        assertEquals("/b/config.json: field process.args[1]: null is not allowed here",
                refused(GOOD.replace("[\"sh\"]", "[\"sh\", null]")));
        assertTrue(refused(GOOD.replace("\"hostname\": \"h\"", "\"annotations\": {\"a\": null}"))
                .contains("field annotations.a: null is not allowed here"));
        assertTrue(refused(GOOD.replace("\"hostname\": \"h\"", "\"mounts\": [null]"))
                .contains("field mounts[0]: null is not allowed here"));
    }

    @Test
    void aNumberOutOfRangeIsSaidWithoutJavasLimits() {
        String m = refused(GOOD.replace("\"hostname\": \"h\"", "\"process\": {\"args\": [\"sh\"], \"cwd\": \"/\","
                + " \"user\": {\"uid\": 18446744073709551615}}"));
        assertTrue(m.contains("18446744073709551615 is out of range for this field"), m);
        assertFalse(m.contains("9223372036854775807"), m);
    }

    @Test
    void textAfterTheDocumentIsRefused() {
        assertTrue(refused(GOOD + ", \"junk\": 1 }").contains("malformed JSON at line 2"));
    }

    @Test
    void aScalarOfTheWrongKindIsRefused() {
        assertEquals("/b/config.json: field hostname: expected a string",
                refused(GOOD.replace("\"hostname\": \"h\"", "\"hostname\": 5")));
        assertEquals("/b/config.json: field process.args: expected an array",
                refused(GOOD.replace("[\"sh\"]", "\"sleep 1000\"")));
        assertTrue(refused(GOOD.replace("\"cwd\": \"/\"", "\"cwd\": \"/\", \"user\": {\"uid\": \"0\"}"))
                .contains("field process.user.uid"));
        assertEquals("/b/config.json: field process: expected an object",
                refused(GOOD.replace("{\"args\": [\"sh\"], \"cwd\": \"/\"}", "[1]")));
    }

    @Test
    void aTruncatedDocumentSaysSo() {
        String m = refused(GOOD.substring(0, 40));
        assertTrue(m.contains("end-of-input"), m);
    }
}
