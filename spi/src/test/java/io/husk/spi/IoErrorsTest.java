package io.husk.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class IoErrorsTest {
    @Test
    void theReasonIsInTheKernelsWordsNeverAClassName() {
        assertEquals("No such file or directory", IoErrors.reason(new NoSuchFileException("/x/config.json")));
        assertEquals("Permission denied", IoErrors.reason(new AccessDeniedException("/x")));
        assertEquals("Not a directory", IoErrors.reason(new FileSystemException("/x", null, "Not a directory")));
        assertEquals("No such file or directory",
                IoErrors.reason(new FileNotFoundException("/a/b.log (No such file or directory)")));
        assertEquals("broken pipe", IoErrors.reason(new IOException("broken pipe")));
    }

    @Test
    void describeNamesTheFile() {
        assertEquals("/x/state: No such file or directory", IoErrors.describe(new NoSuchFileException("/x/state")));
        assertEquals("/a -> /b: File exists",
                IoErrors.describe(new java.nio.file.FileAlreadyExistsException("/a", "/b", null)));
    }
}
