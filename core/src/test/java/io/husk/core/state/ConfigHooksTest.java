package io.husk.core.state;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigHooksTest {
    @TempDir
    Path dir;

    private Path config(String json) throws IOException {
        return Files.writeString(dir.resolve("config.json"), json);
    }

    @Test
    void noHooksObjectMeansNone() throws IOException {
        assertFalse(ConfigHooks.declares(config("{\"ociVersion\":\"1.2.0\",\"process\":{\"args\":[\"sh\"]},"
                + "\"annotations\":{\"hooks\":\"x\"}}"), "poststart"));
    }

    @Test
    void emptyOrOtherKindsMeanNone() throws IOException {
        Path c = config("{\"hooks\":{\"prestart\":[{\"path\":\"/bin/true\"}],\"poststart\":[],\"poststop\":null}}");
        assertFalse(ConfigHooks.declares(c, "poststart"));
        assertFalse(ConfigHooks.declares(c, "poststop"));
        assertTrue(ConfigHooks.declares(c, "prestart"));
    }

    @Test
    void aListedHookIsFound() throws IOException {
        assertTrue(ConfigHooks.declares(config("{\"root\":{\"path\":\"rootfs\"},\"hooks\":{\"createRuntime\":"
                + "[{\"path\":\"/a\",\"args\":[\"a\",\"b\"]}],\"poststop\":[{\"path\":\"/bin/true\"}]}}"), "poststop"));
    }

    @Test
    void aMissingFileHasNoneAndABrokenOneGoesToTheFullLoader() throws IOException {
        assertFalse(ConfigHooks.declares(dir.resolve("absent.json"), "poststart"));
        assertTrue(ConfigHooks.declares(config("{\"hooks\": {\"poststart\": [ {"), "poststart"));
        assertTrue(ConfigHooks.declares(config("[]"), "poststart"));
    }
}
