package io.husk.nativeinit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordTest {
    @Test
    void aPlanFrameRoundTrips() {
        Plan plan = new Plan(List.of(Step.of(Op.HOSTNAME, "box"), Step.of(Op.RLIMIT, 7, 1024, -1L)));
        byte[] frame = plan.encode();
        List<Record> records = Record.parseAll(Arrays.copyOfRange(frame, 4, frame.length));
        assertEquals(3, records.size());
        assertEquals(Msg.PLAN.code(), records.get(0).code());
        assertEquals(Protocol.VERSION, records.get(0).integer(0));
        assertEquals(2, records.get(0).integer(1));
        assertEquals("box", records.get(1).string(0));
        assertEquals(-1L, records.get(2).integer(2));
    }

    @Test
    void stepsReadAsOneLine() {
        String s = Step.of(Op.MOUNT, "proc", "/proc", "proc", 14, "", 1, 0, 1).describe();
        assertEquals("mount source=proc target=/proc fstype=proc flags=0xe data=\"\" kind=1 propagation=0x0"
                + " noSymlink=1", s);
        assertTrue(new Plan(List.of(Step.of(Op.READY, 0L))).render().contains("  0  ready"));
    }
}
