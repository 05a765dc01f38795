package io.husk.nativeinit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTest {
    @Test
    void helperDebugLinesNameTheirStep() {
        Plan plan = new Plan(List.of(Step.of(Op.SETSID), Step.of(Op.READY, 0L)));
        assertEquals("debug step 1: ready", plan.nameSteps("debug step 1 op 28"));
        assertEquals("debug step 7 op 28", plan.nameSteps("debug step 7 op 28"), "no such step: unchanged");
        assertEquals("warning something else", plan.nameSteps("warning something else"));
    }
}
