package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The six hook kinds on the real kernel: order, the state each gets on stdin, own args and env, timeout, and
 * what a failure does. Runtime hooks and createContainer (before pivot_root) see the host, so they log to the
 * rootfs by its host path; startContainer runs inside the container and logs to /hooks.log.
 */
class HookIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path root;
    private HuskRunner husk;
    private Bundle bundle;
    private String id;
    private Path log;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("husk-root");
        husk = new HuskRunner(root);
        id = "hook-" + Long.toHexString(System.nanoTime());
        bundle = Bundle.busybox("sleep", "100").noDeviceRules();
        ((ObjectNode) bundle.config().get("root")).put("readonly", false);
        bundle.config().putObject("annotations").put("org.example.hooktest", "yes");
        log = bundle.rootfs().resolve("hooks.log");
    }

    @AfterEach
    void tearDown() throws Exception {
        husk.run("delete", "--force", id);
        bundle.close();
        Files.deleteIfExists(root);
    }

    private ObjectNode hook(String script) {
        ObjectNode h = JSON.createObjectNode().put("path", "/bin/sh");
        h.putArray("args").add("sh").add("-c").add(script);
        h.putArray("env").add("PATH=/usr/bin:/bin");
        return h;
    }

    /** A hook that saves its stdin as NAME.json next to the log and appends NAME to the log. */
    private ObjectNode recording(String name, String dir) {
        return hook("cat > " + dir + "/" + name + ".json; echo " + name + " >> " + dir + "/hooks.log");
    }

    private ArrayNode phase(String name) {
        ObjectNode hooks = bundle.config().has("hooks") ? (ObjectNode) bundle.config().get("hooks")
                : bundle.config().putObject("hooks");
        return hooks.has(name) ? (ArrayNode) hooks.get(name) : hooks.putArray(name);
    }

    private JsonNode saved(String name) throws Exception {
        return JSON.readTree(bundle.rootfs().resolve(name + ".json").toFile());
    }

    private List<String> logLines() throws Exception {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void everyKindRunsInOrderWithItsState() throws Exception {
        String host = bundle.rootfs().toString();
        phase("prestart").add(recording("prestart1", host)).add(recording("prestart2", host));
        phase("createRuntime").add(recording("createRuntime", host));
        phase("createContainer").add(recording("createContainer", host));
        phase("startContainer").add(recording("startContainer", ""));
        phase("poststart").add(recording("poststart", host));
        phase("poststop").add(recording("poststop", host));
        bundle.write();
        husk.ok("create", "--bundle", bundle.dir().toString(), id);
        assertEquals(List.of("prestart1", "prestart2", "createRuntime", "createContainer"), logLines());
        long pid = JSON.readTree(husk.ok("state", id).out()).get("pid").asLong();
        husk.ok("start", id);
        assertEquals(List.of("prestart1", "prestart2", "createRuntime", "createContainer", "startContainer",
                "poststart"), logLines());
        husk.ok("delete", "--force", id);
        assertEquals("poststop", logLines().getLast());

        for (String name : List.of("prestart1", "createRuntime", "createContainer", "startContainer")) {
            JsonNode s = saved(name);
            assertEquals(name.equals("startContainer") ? "created" : "creating", s.get("status").asText(), name);
            assertEquals(pid, s.get("pid").asLong(), name);
            assertEquals(id, s.get("id").asText(), name);
            assertEquals(bundle.dir().toString(), s.get("bundle").asText(), name);
            assertEquals("yes", s.get("annotations").get("org.example.hooktest").asText(), name);
        }
        assertEquals("running", saved("poststart").get("status").asText());
        assertEquals(pid, saved("poststart").get("pid").asLong());
        assertEquals("stopped", saved("poststop").get("status").asText());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void hooksGetTheirOwnArgsAndEnvAndMayIgnoreStdin() throws Exception {
        String host = bundle.rootfs().toString();
        bundle.config().with("annotations").put("org.example.big", "x".repeat(200_000)); // more than a pipe holds
        ObjectNode env = hook("echo \"$0\" > " + host + "/args.txt; env > " + host + "/env.txt");
        env.put("path", "/bin/busybox"); // a multi-call binary: runs as sh only with argv[0] "sh"
        ((ArrayNode) env.get("args")).add("first");
        ((ArrayNode) env.get("env")).add("HOOKVAR=one");
        phase("createRuntime").add(hook("exit 0")).add(env);
        phase("createContainer").add(hook("exit 0"));
        bundle.write();
        husk.ok("create", "--bundle", bundle.dir().toString(), id);
        assertEquals("first", Files.readString(bundle.rootfs().resolve("args.txt")).strip());
        String seen = Files.readString(bundle.rootfs().resolve("env.txt"));
        assertTrue(seen.contains("HOOKVAR=one"), seen);
        assertFalse(seen.contains("HOME="), "husk's own environment leaked into the hook: " + seen);
    }

    @Test
    void aHookOverItsTimeoutFailsCreateAndLeavesNothing() throws Exception {
        ObjectNode slow = hook("sleep 30");
        slow.put("timeout", 1);
        phase("prestart").add(slow);
        bundle.write();
        HuskRunner.Result r = husk.run("create", "--bundle", bundle.dir().toString(), id);
        assertEquals(1, r.exit());
        assertTrue(r.errLine().contains("prestart hook #0") && r.errLine().contains("timed out"), r.err());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void aFailingPrestartHookFailsCreateAndTheProcessNeverRuns() throws Exception {
        bundle.args("touch", "/ran");
        phase("prestart").add(hook("exit 3"));
        bundle.write();
        assertCreateFails("prestart hook #0");
    }

    @Test
    void aFailingCreateContainerHookFailsCreate() throws Exception {
        phase("createContainer").add(hook("exit 4"));
        bundle.write();
        assertCreateFails("createContainer hook");
    }

    private void assertCreateFails(String naming) throws Exception {
        HuskRunner.Result r = husk.run("create", "--bundle", bundle.dir().toString(), id);
        assertEquals(1, r.exit());
        assertTrue(r.errLine().contains(naming), r.err());
        assertEquals(1, husk.run("state", id).exit(), "the container is gone");
        assertFalse(Files.exists(bundle.rootfs().resolve("ran")));
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void aFailingStartContainerHookFailsStartAndStopsTheContainerForDelete() throws Exception {
        bundle.args("touch", "/ran");
        phase("startContainer").add(hook("exit 5"));
        bundle.write();
        husk.ok("create", "--bundle", bundle.dir().toString(), id);
        HuskRunner.Result r = husk.run("start", id);
        assertEquals(1, r.exit());
        assertTrue(r.errLine().contains("startContainer hook"), r.err());
        assertTrue(husk.ok("state", id).out().contains("\"status\": \"stopped\""), "stopped, as runc leaves it");
        assertFalse(Files.exists(bundle.rootfs().resolve("ran")));
        husk.ok("delete", id);
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void failingPoststartAndPoststopHooksOnlyWarnAndTheLaterOnesRun() throws Exception {
        String host = bundle.rootfs().toString();
        phase("poststart").add(hook("exit 1")).add(recording("poststart", host));
        phase("poststop").add(hook("exit 2")).add(recording("poststop", host));
        bundle.write();
        husk.ok("create", "--bundle", bundle.dir().toString(), id);
        HuskRunner.Result start = husk.run("start", id);
        assertEquals(0, start.exit(), start.err());
        assertTrue(start.err().contains("poststart hook #0"), start.err());
        assertTrue(husk.ok("state", id).out().contains("\"status\": \"running\""));
        HuskRunner.Result delete = husk.run("delete", "--force", id);
        assertEquals(0, delete.exit(), delete.err());
        assertTrue(delete.err().contains("poststop hook #0"), delete.err());
        assertEquals(List.of("poststart", "poststop"), logLines());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void hooksComeFromTheConfigCopiedAtCreate() throws Exception {
        String host = bundle.rootfs().toString();
        phase("poststart").add(recording("poststart", host));
        phase("poststop").add(recording("poststop", host));
        bundle.write();
        husk.ok("create", "--bundle", bundle.dir().toString(), id);
        bundle.config().remove("hooks");
        bundle.write();
        husk.ok("start", id);
        husk.ok("delete", "--force", id);
        assertEquals(List.of("poststart", "poststop"), logLines());
    }
}
