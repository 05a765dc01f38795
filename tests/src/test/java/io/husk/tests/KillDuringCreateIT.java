package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** husk killed with SIGKILL in the middle of create: delete --force still removes every trace. */
class KillDuringCreateIT {
    private Path root;
    private HuskRunner husk;
    private Bundle bundle;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("husk-root");
        husk = new HuskRunner(root);
        bundle = Bundle.busybox("sleep", "100");
        bundle.write();
    }

    @AfterEach
    void tearDown() throws Exception {
        bundle.close();
        Files.deleteIfExists(root);
    }

    @Test
    void deleteForceCleansUpAfterAKilledCreate() throws Exception {
        // Kill at several points: before the state exists, after the cgroup, after the init's pid is known.
        for (String stage : List.of("dir", "state", "pid")) {
            String id = "kill-" + stage + "-" + Long.toHexString(System.nanoTime());
            Process p = husk.start("create", "--bundle", bundle.dir().toString(), id);
            try {
                waitForStage(root.resolve(id), stage, p);
            } finally {
                p.destroyForcibly().waitFor();
            }
            HuskRunner.Result r = husk.run("delete", "--force", id);
            assertEquals(0, r.exit(), r.err());
            assertEquals(List.of(), Traces.of(id, root, bundle.dir()), "after a kill at " + stage);
        }
    }

    private static void waitForStage(Path dir, String stage, Process p) throws Exception {
        long deadline = System.currentTimeMillis() + 20000;
        while (System.currentTimeMillis() < deadline && p.isAlive()) {
            if (reached(dir, stage)) {
                return;
            }
            Thread.sleep(1);
        }
    }

    private static boolean reached(Path dir, String stage) throws Exception {
        Path state = dir.resolve("state");
        return switch (stage) {
            case "dir" -> Files.isDirectory(dir);
            case "state" -> Files.exists(state);
            default -> Files.exists(state) && !Files.readString(state).contains("\npid=0");
        };
    }
}
