package io.husk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which command lines the picocli-free parser takes, and that it reads them as picocli would. */
class FrequentCommandsTest {
    private static FrequentCommands parse(String... args) {
        return FrequentCommands.parse(args);
    }

    @Test
    void takesThePlainFormsContainerManagersSend() {
        FrequentCommands c = parse("--root", "/run/x", "--log", "/tmp/l", "--log-format=json", "--debug", "state", "a");
        assertNotNull(c);
        assertEquals("state", c.command);
        assertEquals(List.of("a"), c.positionals);
        assertEquals(Path.of("/run/x"), c.globals.root());
        assertEquals("/tmp/l", c.globals.log());
        assertEquals("json", c.globals.logFormat());
        assertTrue(c.globals.debug());

        assertEquals(List.of("a", "KILL"), parse("kill", "a", "KILL").positionals);
        assertEquals(Map.of("all", "true"), parse("kill", "--all", "a", "9").flags);
        assertEquals(Map.of("force", "true"), parse("delete", "-f", "a").flags);
        assertEquals("json", parse("list", "--format", "json").flags.get("format"));
        assertEquals(Map.of("format", "json", "quiet", "true"), parse("list", "--format=json", "-q").flags);
        assertEquals(List.of("a"), parse("run-cleanup", "--", "a").positionals);
        assertEquals(List.of("a"), parse("start", "a").positionals);
    }

    @Test
    void createAndRunFillTheirOptionsAsPicocliWould() {
        FrequentCommands c = parse("create", "--bundle", "/b", "--pid-file=/p", "--console-socket", "/s",
                "--no-pivot", "--preserve-fds", "2", "id1");
        CreateOptions o = c.createOptions("id1");
        assertEquals("/b", o.bundle);
        assertEquals("/p", o.pidFile);
        assertEquals("/s", o.consoleSocket);
        assertTrue(o.noPivot);
        assertFalse(o.dryRun);
        assertEquals(2, o.preserveFds);
        assertEquals("id1", o.id);
        assertEquals(Map.of("bundle", "/b", "detach", "true"), parse("run", "-d", "-b", "/b", "x").flags);
        assertEquals(0, parse("run", "x").createOptions("x").preserveFds);
    }

    @Test
    void defaultsMatchPicocli() {
        FrequentCommands c = parse("list");
        assertEquals(Path.of("/run/husk"), c.globals.root());
        assertEquals("text", c.globals.logFormat());
        assertNull(c.flags.get("format"));
        assertEquals(GlobalOptions.defaultPluginsDir(), c.globals.pluginsDir());
    }

    @Test
    void leavesEverythingElseToPicocli() {
        assertNull(parse());
        assertNull(parse("--help"));
        assertNull(parse("--version"));
        assertNull(parse("--root"));
        assertNull(parse("--root", "-x", "state", "a"));
        assertNull(parse("--systemd-cgroup", "state", "a"));
        assertNull(parse("--debug=true", "state", "a"));
        assertNull(parse("--debug", "--debug", "state", "a"));
        assertNull(parse("--root", "/a", "--root", "/b", "state", "a"));
        assertNull(parse("state"));
        assertNull(parse("state", "a", "b"));
        assertNull(parse("state", "--help", "a"));
        assertNull(parse("kill", "a", "-9"));
        assertNull(parse("kill", "a", "KILL", "extra"));
        assertNull(parse("kill", "--all=true", "a"));
        assertNull(parse("delete", "--", "a"));
        assertNull(parse("delete", "-f", "--force", "a"));
        assertNull(parse("list", "-qf", "json"));
        assertNull(parse("list", "--format"));
        assertNull(parse("list", "--format", "-q"));
        assertNull(parse("list", "x"));
        assertNull(parse("create", "a", "b"));
        assertNull(parse("create", "-d", "a"));
        assertNull(parse("create", "-bdir", "a"));
        assertNull(parse("create", "--bundle", "/a", "-b", "/b", "id"));
        assertNull(parse("create", "--preserve-fds", "x", "id"));
        assertNull(parse("run", "--keep=true", "id"));
        assertNull(parse("create", "--keep", "id"));
        assertNull(parse("exec", "a", "sh"));
        assertNull(parse("--root", "bad\0path", "state", "a"));
    }
}
