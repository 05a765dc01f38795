package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both start gates, chosen by annotation or by --sync, through create → start → delete and with a dead init. */
class SyncIT {
    private Path root;
    private HuskRunner husk;
    private Bundle bundle;
    private String id;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("husk-root");
        husk = new HuskRunner(root);
        id = "sync-" + Long.toHexString(System.nanoTime());
        bundle = Bundle.busybox().noDeviceRules();
    }

    @AfterEach
    void tearDown() throws Exception {
        husk.run("delete", "--force", id);
        bundle.close();
        Files.deleteIfExists(root);
    }

    private static String gateFile(String kind) {
        return kind.equals("fifo") ? "exec.fifo" : "start.sock";
    }

    @ParameterizedTest
    @ValueSource(strings = {"fifo", "socket"})
    void annotationChoosesTheGateThroughCreateStartDelete(String kind) throws Exception {
        bundle.config().putObject("annotations").put("io.husk.sync", kind);
        bundle.args("sh", "-c", "while [ ! -e /go ]; do sleep 0.05; done").write();
        husk.ok("create", "--bundle", bundle.dir().toString(), id);
        assertTrue(Files.exists(root.resolve(id).resolve(gateFile(kind))), "the " + kind + " gate is in place");
        assertTrue(husk.ok("state", id).out().contains("\"status\": \"created\""));
        husk.ok("start", id);
        assertTrue(husk.ok("state", id).out().contains("\"status\": \"running\""));
        Files.writeString(bundle.rootfs().resolve("go"), "");
        LifecycleIT.waitFor(() -> husk.ok("state", id).out().contains("\"status\": \"stopped\""));
        husk.ok("delete", id);
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fifo", "socket"})
    void syncFlagChoosesTheGate(String kind) throws Exception {
        bundle.args("sleep", "100").write();
        husk.ok("--sync", kind, "create", "--bundle", bundle.dir().toString(), id);
        assertTrue(Files.exists(root.resolve(id).resolve(gateFile(kind))), "the " + kind + " gate is in place");
        husk.ok("start", id);
        assertTrue(husk.ok("state", id).out().contains("\"status\": \"running\""));
        husk.ok("delete", "--force", id);
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fifo", "socket"})
    void startReportsAnInitKilledBeforeStart(String kind) throws Exception {
        bundle.args("sleep", "100").write();
        husk.ok("--sync", kind, "create", "--bundle", bundle.dir().toString(), id);
        long pid = pidOf(husk, id);
        new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor();
        LifecycleIT.waitFor(() -> husk.ok("state", id).out().contains("\"status\": \"stopped\""));
        HuskRunner.Result start = husk.run("start", id);
        assertEquals(1, start.exit());
        assertTrue(start.errLine().contains("init has exited"), start.err());
        husk.ok("delete", id);
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    static long pidOf(HuskRunner husk, String id) {
        String state = husk.ok("state", id).out();
        int at = state.indexOf("\"pid\": ") + 7;
        return Long.parseLong(state.substring(at, state.indexOf(',', at)).strip());
    }
}
