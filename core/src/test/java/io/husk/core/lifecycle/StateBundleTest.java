package io.husk.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StateBundleTest {
    @Test
    void anAbsoluteBundleIsKeptExactlyAsGiven() {
        assertEquals("/tmp/x/../b/", Creator.stateBundle("/tmp/x/../b/"));
    }

    /** Later commands (delete's rootfs clean-up) run from other directories: a relative path must not survive. */
    @Test
    void aRelativeBundleIsMadeAbsoluteAsRuncDoes() {
        String cwd = Path.of("").toAbsolutePath().toString();
        assertEquals(Path.of(cwd).resolve("b").normalize().toString(), Creator.stateBundle("./a/../b/"));
        assertEquals(Path.of(cwd).getParent().resolve("rv-bundle").toString(), Creator.stateBundle("../rv-bundle/"));
    }
}
