package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * --console-socket as containerd and podman use it: a receiver (console_receiver.py) gets the pty master with
 * SCM_RIGHTS, types into it and reads the container's answers; consoleSize is applied.
 */
class ConsoleIT {
    private Path root;
    private HuskRunner husk;
    private Bundle bundle;
    private String id;
    private Process receiver;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(TtyIT.python(), "python3 receives the pty");
        root = Files.createTempDirectory("husk-root");
        husk = new HuskRunner(root);
        id = "console-" + Long.toHexString(System.nanoTime());
        bundle = Bundle.busybox("sh", "-c", "read x; echo got:$x; stty size; tty").noDeviceRules();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (husk != null) {
            if (receiver != null) {
                receiver.destroyForcibly().waitFor();
            }
            husk.run("delete", "--force", id);
            Files.deleteIfExists(root.resolve("console.sock"));
            bundle.close();
            Files.deleteIfExists(root);
        }
    }

    /** Starts the receiver on root/console.sock and waits until it listens. */
    private Path listen() throws Exception {
        Path sock = root.resolve("console.sock");
        receiver = new ProcessBuilder("python3", TtyIT.RESOURCES.resolve("console_receiver.py").toString(),
                sock.toString(), "ping").redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(receiver.getInputStream()));
        assertEquals("listening", r.readLine());
        return sock;
    }

    private String received() throws Exception {
        assertTrue(receiver.waitFor(60, TimeUnit.SECONDS), "the receiver saw the terminal close");
        return new String(receiver.getInputStream().readAllBytes());
    }

    @Test
    void createSendsAWorkingPtyOfTheConfiguredSize() throws Exception {
        bundle.process().put("terminal", true);
        bundle.process().putObject("consoleSize").put("height", 31).put("width", 97);
        bundle.write();
        Path sock = listen();
        husk.ok("create", "--console-socket", sock.toString(), "--bundle", bundle.dir().toString(), id);
        husk.ok("start", id);
        String seen = received();
        assertTrue(seen.contains("name /dev/pts/"), seen);
        assertTrue(seen.contains("got:ping"), seen);
        assertTrue(seen.contains("31 97"), seen);
        LifecycleIT.waitFor(() -> husk.ok("state", id).out().contains("\"status\": \"stopped\""));
        husk.ok("delete", id);
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    /** Runs the bundle with a terminal, as create and start with a console socket, and returns what it wrote. */
    private String runWithConsole() throws Exception {
        bundle.process().put("terminal", true);
        bundle.write();
        Path sock = listen();
        husk.ok("create", "--console-socket", sock.toString(), "--bundle", bundle.dir().toString(), id);
        husk.ok("start", id);
        return received();
    }

    /** /dev/console is a bind of the pty slave (a pts device, major 0x88) and shows as a devpts mount. */
    private static void assertConsoleIsThePty(String seen) {
        assertTrue(seen.lines().anyMatch(l -> l.strip().startsWith("88:")), seen);
        assertTrue(seen.lines().anyMatch(l -> l.contains(" /dev/console ") && l.contains(" - devpts ")), seen);
        assertTrue(seen.contains("status=0"), seen);
    }

    private static final String[] SHOW_CONSOLE = {"sh", "-c",
        "stat -c %t:%T /dev/console; grep console /proc/self/mountinfo; echo hi > /dev/console; echo status=$?"};

    @Test
    void devConsoleIsTheTerminal() throws Exception {
        bundle.args(SHOW_CONSOLE);
        String seen = runWithConsole();
        assertConsoleIsThePty(seen);
        assertTrue(seen.contains("hi"), seen);
    }

    @Test
    void devConsoleIsTheTerminalInAUserNamespace() throws Exception {
        UsernsIT.userns(bundle);
        // The container's root is an unprivileged host uid, which must be able to reach the rootfs.
        Files.setPosixFilePermissions(bundle.dir(), PosixFilePermissions.fromString("rwxr-xr-x"));
        bundle.args(SHOW_CONSOLE);
        assertConsoleIsThePty(runWithConsole());
    }

    /** Without a tmpfs on /dev the rootfs's own /dev gets the file to bind on, before the root turns read-only. */
    @Test
    void devConsoleIsMadeInTheRootfsWhenDevIsNotMounted() throws Exception {
        ArrayNode mounts = (ArrayNode) bundle.config().get("mounts");
        for (int i = mounts.size() - 1; i >= 0; i--) {
            if ("/dev".equals(mounts.get(i).path("destination").asText())) {
                mounts.remove(i);
            }
        }
        bundle.args(SHOW_CONSOLE);
        assertConsoleIsThePty(runWithConsole());
    }

    @Test
    void detachedExecWithTtySendsItsOwnPty() throws Exception {
        bundle.args("sleep", "1000").write();
        husk.ok("run", "--detach", "--bundle", bundle.dir().toString(), id);
        Path sock = listen();
        husk.ok("exec", "--tty", "--detach", "--console-socket", sock.toString(), id, "sh", "-c",
                "read x; echo got:$x; tty");
        String seen = received();
        assertTrue(seen.contains("got:ping"), seen);
        assertTrue(seen.contains("/dev/pts/"), seen);
    }

    @Test
    void aTerminalWithoutConsoleSocketIsRefusedByCreate() throws Exception {
        bundle.process().put("terminal", true);
        bundle.write();
        HuskRunner.Result r = husk.run("create", "--bundle", bundle.dir().toString(), id);
        assertEquals(1, r.exit());
        assertTrue(r.errLine().contains("console-socket"), r.err());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void aConsoleSocketWithoutTerminalIsRefused() throws Exception {
        bundle.write();
        Path sock = listen();
        HuskRunner.Result r = husk.run("create", "--console-socket", sock.toString(), "--bundle",
                bundle.dir().toString(), id);
        assertEquals(1, r.exit());
        assertTrue(r.errLine().contains("process.terminal is false"), r.err());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }
}
