package io.husk.core.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.husk.core.HuskException;
import io.husk.core.config.ConfigLoader;
import io.husk.core.config.Spec;
import io.husk.nativeinit.Op;
import io.husk.nativeinit.Step;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HookStepsTest {
    private static Spec spec(String hooks) {
        return ConfigLoader.parse(("{\"ociVersion\":\"1.2.0\",\"process\":{\"args\":[\"sh\"],\"cwd\":\"/\"},"
                + "\"root\":{\"path\":\"rootfs\"},\"hooks\":" + hooks + "}").getBytes(StandardCharsets.UTF_8), "c");
    }

    @Test
    void runtimeHooksAreRequestsAndContainerHooksAreExecsInOrder() {
        Spec s = spec("{\"prestart\":[{\"path\":\"/a\"}],\"createRuntime\":[{\"path\":\"/b\"}],"
                + "\"createContainer\":[{\"path\":\"/c\",\"args\":[\"c0\",\"x\"],\"env\":[\"K=V\"],\"timeout\":3}],"
                + "\"startContainer\":[{\"path\":\"/d\"}]}");
        List<Step> before = new ArrayList<>();
        HookSteps.beforePivot(s, before);
        assertEquals(List.of(Op.HOOKS, Op.HOOKS, Op.HOOK_STATE, Op.HOOK_EXEC), before.stream().map(Step::op).toList());
        assertEquals(List.of((long) HookPhase.PRESTART.code()), before.get(0).args());
        assertEquals(List.of((long) HookPhase.CREATE_RUNTIME.code()), before.get(1).args());
        assertEquals(List.of("createContainer", "/c", 3L, 2L, "c0", "x", "K=V"), before.get(3).args());
        List<Step> after = new ArrayList<>();
        HookSteps.afterGate(s, after);
        assertEquals(List.of("startContainer", "/d", 0L, 1L, "/d"), after.getFirst().args());
    }

    @Test
    void noHooksNoSteps() {
        List<Step> steps = new ArrayList<>();
        HookSteps.beforePivot(spec("{\"poststop\":[{\"path\":\"/x\"}]}"), steps);
        HookSteps.afterGate(spec("{}"), steps);
        assertTrue(steps.isEmpty());
    }

    @Test
    void badHooksAreRefusedByField() {
        HuskException e = assertThrows(HuskException.class,
                () -> HookValidator.validate(spec("{\"poststart\":[{\"path\":\"/ok\"},{\"path\":\"rel\"}]}")));
        assertEquals("hooks.poststart[1].path: \"rel\" is not an absolute path", e.getMessage());
        assertThrows(HuskException.class,
                () -> HookValidator.validate(spec("{\"prestart\":[{\"path\":\"/a\",\"timeout\":0}]}")));
        assertThrows(HuskException.class,
                () -> HookValidator.validate(spec("{\"prestart\":[{\"path\":\"/a\",\"env\":[\"NOEQ\"]}]}")));
    }
}
