package io.husk.core.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.husk.core.HuskException;
import org.junit.jupiter.api.Test;

/** The versions husk claims (features, --version) are ones its validator accepts. */
class OciVersionTest {
    @Test
    void claimedVersionsAreAccepted() {
        ConfigValidator.version(ConfigValidator.OCI_VERSION_MIN);
        ConfigValidator.version(ConfigValidator.OCI_VERSION_MAX);
        assertThrows(HuskException.class, () -> ConfigValidator.version("2.0.0"));
        assertThrows(HuskException.class, () -> ConfigValidator.version("0.9.0"));
    }
}
