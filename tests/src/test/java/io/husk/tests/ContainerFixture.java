package io.husk.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * One busybox bundle, a private state root and a unique container id per test, and their removal afterwards
 * even when the test failed: the setting most integration tests share.
 */
abstract class ContainerFixture {
    protected Path root;
    protected HuskRunner husk;
    protected Bundle bundle;
    protected String id;

    /** A short word that tells whose container a leftover would be ("cap", "rl"...). */
    protected abstract String idPrefix();

    @BeforeEach
    void createFixture() throws Exception {
        root = Files.createTempDirectory("husk-root");
        husk = new HuskRunner(root);
        id = idPrefix() + "-" + Long.toHexString(System.nanoTime());
        bundle = Bundle.busybox();
    }

    @AfterEach
    void removeFixture() throws Exception {
        husk.run("delete", "--force", id);
        bundle.close();
        Files.deleteIfExists(root);
    }
}
