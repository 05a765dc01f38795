package io.husk.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.husk.core.HuskException;
import org.junit.jupiter.api.Test;

class SignalsTest {
    @Test
    void namesNumbersAndRealtimeOffsetsParse() {
        assertEquals(9, Signals.parse("KILL"));
        assertEquals(9, Signals.parse("sigkill"));
        assertEquals(15, Signals.parse("15"));
        assertEquals(37, Signals.parse("RTMIN+3"));
        assertEquals(0, Signals.parse("0"), "runc passes 0 to kill(2): a liveness check");
        for (String bad : new String[] {"65", "-1", "NOPE", "RTMAX+1"}) {
            HuskException e = assertThrows(HuskException.class, () -> Signals.parse(bad));
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void numbersHaveTheirNamesBack() {
        assertEquals("SIGKILL", Signals.name(9));
        assertEquals("SIGABRT", Signals.name(6)); // not SIGIOT, its alias
        assertEquals("signal 40", Signals.name(40));
    }

    @Test
    void signalZeroOnlyAsksWhetherTheProcessIsThere() {
        assertTrue(Signals.send((int) ProcessHandle.current().pid(), 0));
        assertFalse(Signals.send(Integer.MAX_VALUE, 0));
    }
}
