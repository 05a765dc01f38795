package io.husk.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.husk.core.json.JsonText;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class LogTest {
    @Test
    void timestampsAreRfc3339InUtcAsTheJdkFormatsThem() {
        for (String at : new String[] {"2026-12-03T20:14:10.728634654Z", "1999-01-09T03:04:05Z",
                "2026-02-28T23:59:59.100Z", "0987-06-05T04:03:02.000000001Z", "2026-12-03T00:00:00.120Z"}) {
            Instant i = Instant.parse(at);
            assertEquals(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(i.atOffset(ZoneOffset.UTC)), Log.timestamp(i));
        }
    }

    @Test
    void quotingEscapesWhatWouldBreakALine() {
        assertEquals("\"a\\\"b\\n\\u0001\"", JsonText.quote("a\"b\n" + (char) 1));
    }
}
