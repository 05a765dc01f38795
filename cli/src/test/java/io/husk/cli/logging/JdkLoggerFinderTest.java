package io.husk.cli.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.husk.core.log.Log;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JdkLoggerFinderTest {
    @Test
    void theJdkFindsItAndItsWarningsReachHusksLog() throws Exception {
        System.Logger logger = System.getLogger("jffi.test");
        assertEquals(JdkLogger.class, logger.getClass());
        Path file = Files.createTempFile("husk-log", ".json");
        try {
            Log.configure(file.toString(), "json", false);
            assertFalse(logger.isLoggable(System.Logger.Level.INFO));
            assertTrue(logger.isLoggable(System.Logger.Level.WARNING));
            logger.log(System.Logger.Level.INFO, "hidden");
            logger.log(System.Logger.Level.WARNING, "stub {0} unpacked", "x");
            String log = Files.readString(file);
            assertFalse(log.contains("hidden"), log);
            assertTrue(log.contains("\"level\":\"warning\"") && log.contains("jffi.test: stub x unpacked"), log);
        } finally {
            Log.configure(null, "text", false);
            Files.deleteIfExists(file);
        }
    }
}
