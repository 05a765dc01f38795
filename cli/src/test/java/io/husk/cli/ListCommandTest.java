package io.husk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListCommandTest {
    @Test
    void columnsAreAsWideAsTheirWidestCellPlusThreeAndAtLeastTwelve() {
        String t = ListCommand.aligned(List.of(new String[] {"ID", "PID", "OWNER"},
                new String[] {"a-rather-long-container-id", "42", "root"}));
        assertEquals("""
                ID                           PID         OWNER
                a-rather-long-container-id   42          root
                """, t);
    }
}
