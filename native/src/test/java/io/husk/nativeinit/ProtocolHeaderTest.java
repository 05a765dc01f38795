package io.husk.nativeinit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** protocol.h must say exactly what Op, Msg and Protocol say: the Java side is the source of truth. */
class ProtocolHeaderTest {
    private static final Pattern DEFINE = Pattern.compile("^#define\\s+(\\w+)\\s+(\\d+)\\s*$");

    private static Map<String, Integer> header() throws IOException {
        Map<String, Integer> m = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("src/main/c/protocol.h"))) {
            Matcher x = DEFINE.matcher(line);
            if (x.matches()) {
                m.put(x.group(1), Integer.parseInt(x.group(2)));
            }
        }
        return m;
    }

    @Test
    void everyOpHasItsCodeInTheHeader() throws IOException {
        Map<String, Integer> h = header();
        for (Op op : Op.values()) {
            assertEquals(op.code(), h.get(op.cName()), op.cName());
            assertTrue(op.code() < h.get("OP_TABLE_SIZE"), op.cName() + " is beyond the helper's table");
        }
        long ops = h.keySet().stream().filter(k -> k.startsWith("OP_") && !k.equals("OP_TABLE_SIZE")).count();
        assertEquals(Op.values().length, ops, "protocol.h defines ops that Op lacks");
    }

    @Test
    void everyMessageHasItsCodeInTheHeader() throws IOException {
        Map<String, Integer> h = header();
        for (Msg m : Msg.values()) {
            assertEquals(m.code(), h.get(m.cName()), m.cName());
        }
        long msgs = h.keySet().stream().filter(k -> k.startsWith("MSG_")).count();
        assertEquals(Msg.values().length, msgs, "protocol.h defines messages that Msg lacks");
    }

    @Test
    void versionsAgree() throws IOException {
        assertEquals(Protocol.VERSION, header().get("HUSK_PROTOCOL_VERSION"));
    }

    @Test
    void theHelperIsInTheJar() {
        assertNotNull(HelperBinary.class.getResource("/io/husk/nativeinit/husk-init"));
    }
}
