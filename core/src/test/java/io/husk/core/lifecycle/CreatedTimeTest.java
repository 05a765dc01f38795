package io.husk.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** "created" as runc writes it: Go's RFC3339Nano, whose fraction has no trailing zeros. */
class CreatedTimeTest {
    @Test
    void theFractionLosesItsTrailingZeros() {
        assertEquals("2026-12-04T17:56:08.9084091Z",
                Creator.rfc3339Nano(Instant.parse("2026-12-04T17:56:08.908409100Z")));
        assertEquals("2026-12-04T17:56:08.5Z", Creator.rfc3339Nano(Instant.parse("2026-12-04T17:56:08.500Z")));
        assertEquals("2026-12-04T17:56:08Z", Creator.rfc3339Nano(Instant.parse("2026-12-04T17:56:08Z")));
        assertEquals("2026-12-04T17:56:08.000000001Z",
                Creator.rfc3339Nano(Instant.parse("2026-12-04T17:56:08.000000001Z")));
    }
}
