package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Foreground run and exec with a terminal, driven from a real pty (pty_run.py): the caller's terminal is raw
 * while the container runs, a resize reaches the container, the terminal is restored and the status returned.
 */
class TtyIT {
    static final Path RESOURCES = HuskRunner.HOME.resolve("tests/src/test/resources/io/husk/tests");
    private static final String SCRIPT = "echo ready; read x; echo got:$x; stty size; tty; exit 5";

    private Path root;
    private HuskRunner husk;
    private Bundle bundle;
    private String id;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(python(), "python3 drives the pty");
        root = Files.createTempDirectory("husk-root");
        husk = new HuskRunner(root);
        id = "tty-" + Long.toHexString(System.nanoTime());
        bundle = Bundle.busybox("sh", "-c", SCRIPT).noDeviceRules();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (husk != null) {
            husk.run("delete", "--force", id);
            bundle.close();
            Files.deleteIfExists(root);
        }
    }

    static boolean python() {
        try {
            return new ProcessBuilder("python3", "-c", "import pty").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** Runs husk args on a fresh 24x80 terminal; returns pty_run.py's report. */
    static String onTerminal(Path root, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", RESOURCES.resolve("pty_run.py").toString(),
                HuskRunner.LAUNCHER.toString(), "--root", root.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(new File("/dev/null")).redirectErrorStream(true).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("husk on a terminal did not finish");
        }
        return new String(p.getInputStream().readAllBytes());
    }

    private static void assertTerminalSession(String report) {
        assertTrue(report.contains("got:go"), report);
        assertTrue(report.contains("40 120"), "the resize reached the container: " + report);
        assertTrue(report.contains("/dev/pts/"), report);
        assertTrue(report.contains("RAW yes"), report);
        assertTrue(report.contains("RESTORED yes"), report);
        assertTrue(report.contains("EXIT 5"), report);
    }

    @Test
    void foregroundRunRelaysTheTerminal() throws Exception {
        bundle.process().put("terminal", true);
        bundle.write();
        assertTerminalSession(onTerminal(root, "run", "--bundle", bundle.dir().toString(), id));
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void foregroundExecRelaysTheTerminal() throws Exception {
        bundle.args("sleep", "1000").write();
        husk.ok("run", "--detach", "--bundle", bundle.dir().toString(), id);
        assertTerminalSession(onTerminal(root, "exec", "--tty", id, "sh", "-c", SCRIPT));
    }

    @Test
    void aDetachedTerminalWithoutConsoleSocketIsRefused() throws Exception {
        bundle.process().put("terminal", true);
        bundle.write();
        HuskRunner.Result r = husk.run("run", "--detach", "--bundle", bundle.dir().toString(), id);
        assertEquals(1, r.exit());
        assertTrue(r.errLine().contains("console-socket"), r.err());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }
}
