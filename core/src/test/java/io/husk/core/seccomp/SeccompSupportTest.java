package io.husk.core.seccomp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The kernel probe tells a flag the kernel takes from one it does not, and installs nothing. */
class SeccompSupportTest {
    @Test
    void probeSeparatesKnownFromUnknownFlags() {
        Long nr = SeccompSupport.seccompSyscall();
        assertNotNull(nr, "the build machine's architecture is in the table");
        assertTrue(SeccompSupport.accepts(nr, SeccompNames.flag("SECCOMP_FILTER_FLAG_LOG")));
        assertFalse(SeccompSupport.accepts(nr, 1L << 30), "no kernel has this flag");
        // TSYNC beside NEW_LISTENER is refused by every kernel (without TSYNC_ESRCH): the probe sees it.
        assertFalse(SeccompSupport.accepts(nr, SeccompNames.FLAG_TSYNC | SeccompNames.FLAG_NEW_LISTENER));
    }
}
