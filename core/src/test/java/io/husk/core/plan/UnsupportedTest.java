package io.husk.core.plan;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.husk.core.HuskException;
import io.husk.core.config.ConfigLoader;
import io.husk.core.config.Spec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** LSM profiles: refused without the LSM, accepted with it; a mount label without SELinux is only logged. */
class UnsupportedTest {
    private static Spec spec(String process, String linux) {
        String json = """
                {"ociVersion": "1.2.0", "process": {"args": ["sh"], "cwd": "/" %s}, "root": {"path": "rootfs"},
                 "linux": {"namespaces": [{"type": "mount"}] %s}}""".formatted(process, linux);
        return ConfigLoader.parse(json.getBytes(StandardCharsets.UTF_8), "config.json");
    }

    @Test
    void apparmorProfile() {
        Spec s = spec(", \"apparmorProfile\": \"docker-default\"", "");
        HuskException e = assertThrows(HuskException.class, () -> Unsupported.refuse(s, false, false));
        assertTrue(e.getMessage().startsWith("process.apparmorProfile: this host has no AppArmor"), e.getMessage());
        Unsupported.refuse(s, true, false);
    }

    @Test
    void selinuxLabelAndMountLabel() {
        Spec s = spec(", \"selinuxLabel\": \"system_u:system_r:container_t:s0\"", "");
        HuskException e = assertThrows(HuskException.class, () -> Unsupported.refuse(s, false, false));
        assertTrue(e.getMessage().startsWith("process.selinuxLabel: this host has no SELinux"), e.getMessage());
        Unsupported.refuse(s, false, true);
        Spec m = spec("", ", \"mountLabel\": \"system_u:object_r:container_file_t:s0\"");
        Unsupported.refuse(m, false, false);
        assertThrows(HuskException.class, () -> Unsupported.refuse(m, false, true));
    }
}
