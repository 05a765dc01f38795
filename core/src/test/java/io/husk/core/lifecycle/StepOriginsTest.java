package io.husk.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.husk.nativeinit.Op;
import io.husk.nativeinit.Plan;
import io.husk.nativeinit.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step failing after the gate is named by start from what create recorded. */
class StepOriginsTest {
    @TempDir
    Path dir;

    @Test
    void startNamesTheFieldOfTheStepThatFailed() throws Exception {
        Plan plan = new Plan(List.of(Step.of(Op.SETSID), Step.of(Op.USER, 7L, 7L, 0L, 1L).from("process.user")));
        StepOrigins.write(plan, dir);
        Path config = Path.of("/b/config.json");
        assertEquals("/b/config.json: process.user: set uid 7: Invalid argument",
                StepOrigins.name("1\tset uid 7: Invalid argument", dir, config));
        assertEquals("setsid failed", StepOrigins.name("0\tsetsid failed", dir, config), "no field: the text");
        assertEquals("old format", StepOrigins.name("old format", dir, config));
        Files.delete(dir.resolve(StepOrigins.FILE));
        assertEquals("set uid 7: x", StepOrigins.name("1\tset uid 7: x", dir, config), "no record: the text");
    }
}
