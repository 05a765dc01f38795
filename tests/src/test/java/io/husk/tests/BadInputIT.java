package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input: one line naming the field or path, a non-zero exit, and nothing left behind. */
class BadInputIT {
    private Path root;
    private HuskRunner husk;
    private Bundle bundle;
    private String id;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("husk-root");
        husk = new HuskRunner(root);
        id = "bad-" + Long.toHexString(System.nanoTime());
        bundle = Bundle.busybox("true");
    }

    @AfterEach
    void tearDown() throws Exception {
        husk.run("delete", "--force", id);
        bundle.close();
        Files.deleteIfExists(root);
    }

    private void assertRefused(String expected) throws Exception {
        HuskRunner.Result r = husk.run("create", "--bundle", bundle.dir().toString(), id);
        assertNotEquals(0, r.exit(), "create must fail");
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(expected), "mentions " + expected + ": " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertEquals("", r.out());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    /** Every command answers --help and -h with its usage and status 0, as runc's do. */
    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("spec", "create", "start", "run", "state", "kill", "delete", "list", "exec",
                "pause", "resume", "update", "events", "ps", "features")) {
            for (String flag : List.of("--help", "-h")) {
                HuskRunner.Result r = husk.run(command, flag);
                assertEquals(0, r.exit(), command + " " + flag + ": " + r.err());
                assertTrue(r.out().contains("Usage: husk " + command), command + " " + flag + ": " + r.out());
            }
            HuskRunner.Result help = husk.run("help", command); // runc's form
            assertTrue(help.exit() == 0 && help.out().contains("Usage: husk " + command), help.out() + help.err());
        }
        // engines probe for a feature with "<runtime> checkpoint --help": a command husk lacks is no help at all
        for (List<String> probe : List.of(List.of("checkpoint", "--help"),
                List.of("--log-format", "text", "restore", "-h"), List.of("help", "checkpoint"))) {
            HuskRunner.Result r = husk.run(probe.toArray(String[]::new));
            assertEquals(2, r.exit(), probe + ": " + r.out());
            assertTrue(r.err().contains("checkpoint") || r.err().contains("restore"), probe + ": " + r.err());
        }
        husk.ok("--rootless", "false", "list");
        husk.ok("--rootless=auto", "list");
        HuskRunner.Result rootless = husk.run("--rootless", "true", "list");
        assertEquals(1, rootless.exit());
        assertTrue(rootless.errLine().contains("--rootless true: husk has no rootless mode"), rootless.err());
        for (String flag : List.of("-v", "--version")) {
            assertTrue(husk.ok(flag).out().startsWith("husk version "), flag);
        }
    }

    /** A second create with a taken id says so (not that its cgroup is occupied) and leaves the first alone. */
    @Test
    void aTakenIdIsRefusedAsSuch() throws Exception {
        bundle.args("sleep", "300").write();
        husk.ok("create", "--bundle", bundle.dir().toString(), id);
        HuskRunner.Result again = husk.run("create", "--bundle", bundle.dir().toString(), id);
        assertEquals(1, again.exit(), again.err());
        assertTrue(again.errLine().contains("already exists"), again.err());
        assertTrue(husk.ok("state", id).out().contains("\"status\": \"created\""));
    }

    /** A mistyped command is named as unknown, with the command it was probably meant to be. */
    @Test
    void aRootThatIsAFileIsRefusedAsSuch() throws Exception {
        Path file = Files.createTempFile("husk-root", ".file");
        try {
            HuskRunner onFile = new HuskRunner(file);
            bundle.write();
            for (String[] cmd : List.of(new String[] {"list"},
                    new String[] {"create", "--bundle", bundle.dir().toString(), id})) {
                HuskRunner.Result r = onFile.run(cmd);
                assertEquals(1, r.exit(), cmd[0]);
                assertTrue(r.errLine().contains("--root " + file + ": not a directory"), cmd[0] + ": " + r.err());
            }
            HuskRunner.Result below = new HuskRunner(file.resolve("sub")).run("list");
            assertEquals(1, below.exit());
            assertTrue(below.errLine().contains(file + " is not a directory"), below.err());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void anUnknownCommandIsNamed() {
        HuskRunner.Result r = husk.run("stat", id);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.errLine().contains("unknown command \"stat\"") && r.errLine().contains("state"), r.err());
    }

    /** Text after the JSON document and scalars of the wrong kind are refused, not skipped or converted. */
    @Test
    void trailingTextAndWrongKindsAreRefused() throws Exception {
        bundle.write();
        Files.writeString(bundle.dir().resolve("config.json"), ", \"junk\": 1 }", StandardOpenOption.APPEND);
        assertRefused("malformed JSON");
        bundle.config().put("hostname", 5);
        bundle.write();
        assertRefused("field hostname: expected a string");
    }

    @Test
    void missingConfig() throws Exception {
        assertRefused("config.json");
    }

    @Test
    void malformedConfig() throws Exception {
        Files.writeString(bundle.dir().resolve("config.json"), "{\"ociVersion\": \"1.2.0\", \"process\": ");
        assertRefused("malformed JSON");
    }

    @Test
    void wrongTypeNamesTheField() throws Exception {
        bundle.process().put("args", "not-a-list");
        bundle.write();
        assertRefused("process.args");
    }

    @Test
    void unknownNamespaceType() throws Exception {
        bundle.linux().withArray("namespaces").addObject().put("type", "bogus");
        bundle.write();
        assertRefused(bundle.dir().resolve("config.json") + ": linux.namespaces[6].type");
    }

    /** -1 is setresuid's "no change": taken as is, the container would run as root. */
    @Test
    void aUidOutsideTheRangeIsRefused() throws Exception {
        bundle.process().with("user").put("uid", -1);
        bundle.write();
        assertRefused(bundle.dir().resolve("config.json") + ": process.user.uid: -1 is not a uid or gid");
    }

    /** What fails only in the kernel names the config field of its step; what is known earlier says so then. */
    @Test
    void everyRefusalNamesTheFieldToChange() throws Exception {
        String config = bundle.dir().resolve("config.json") + ": ";
        com.fasterxml.jackson.databind.node.ObjectNode bad = bundle.config().withArray("mounts").addObject();
        bad.put("destination", "/x").put("type", "nosuchfs").put("source", "none");
        int last = bundle.config().get("mounts").size() - 1;
        bundle.write();
        assertRefused("mounts[" + last + "]: mount none on /x: No such device");
        bad.put("type", "bind").put("source", "/no/such/source");
        bundle.write();
        assertRefused(config + "mounts[" + last + "].source");
        bundle.config().withArray("mounts").remove(last);
        bundle.config().put("hostname", "h".repeat(65));
        bundle.write();
        assertRefused(config + "hostname: longer than 64 bytes");
        bundle.config().put("hostname", "ok");
        bundle.linux().with("resources").with("memory").put("limit", -5);
        bundle.write();
        assertRefused(config + "linux.resources.memory.limit: -5 is negative");
        bundle.linux().with("resources").remove("memory");
        // a value only the kernel can judge: its refusal names the field as well as the file
        bundle.linux().with("resources").with("cpu").put("cpus", "0-4095");
        bundle.write();
        assertRefused(config + "linux.resources.cpu.cpus: cannot write \\\"0-4095\\\" to ");
        bundle.linux().with("resources").remove("cpu");
        bundle.config().with("annotations").put("io.husk.rootfs", "nope");
        bundle.write();
        // (the text log escapes the quotes)
        assertRefused(config + "annotations[\\\"io.husk.rootfs\\\"]: unknown rootfs strategy \\\"nope\\\"");
    }

    @Test
    void missingRootfs() throws Exception {
        bundle.config().with("root").put("path", "nope");
        bundle.write();
        assertRefused(bundle.dir().resolve("config.json") + ": root.path");
    }

    @Test
    void nonSemverVersion() throws Exception {
        bundle.config().put("ociVersion", "invalid");
        bundle.write();
        assertRefused(bundle.dir().resolve("config.json") + ": ociVersion");
    }

    @Test
    void missingProgram() throws Exception {
        bundle.args("/no/such/program").write();
        assertRefused("/no/such/program");
    }

    @Test
    void programNotInPath() throws Exception {
        bundle.args("no-such-program").write();
        assertRefused("no-such-program");
    }

    @Test
    void badIdsAreRefusedBeforeTouchingTheDisk() throws Exception {
        bundle.write();
        for (String bad : List.of("..", "a/b", "", "x y")) {
            HuskRunner.Result r = husk.run("create", "--bundle", bundle.dir().toString(), bad);
            assertNotEquals(0, r.exit(), bad);
            assertTrue(r.err().contains("container id"), r.err());
        }
        try (var s = Files.list(root)) {
            assertEquals(0, s.count(), "nothing under the root");
        }
    }

    @Test
    void anyOneDotXVersionIsAccepted() throws Exception {
        bundle.config().put("ociVersion", "1.0.2-dev");
        bundle.write();
        husk.ok("create", "--bundle", bundle.dir().toString(), id);
        husk.ok("delete", "--force", id);
    }

    @Test
    void dryRunPrintsThePlanAndCreatesNothing() throws Exception {
        bundle.args("sh", "-c", "echo hi").write();
        HuskRunner.Result r = husk.ok("create", "--dry-run", "--bundle", bundle.dir().toString(), id);
        assertTrue(r.out().contains("pivot-root"), r.out());
        assertTrue(r.out().contains("exec argv=[sh, -c, \"echo hi\"]"), r.out());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }
}
