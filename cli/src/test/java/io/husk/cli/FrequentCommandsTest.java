package io.husk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
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
        assertEquals(true, c.globals.debug());

        assertEquals(List.of("a", "KILL"), parse("kill", "a", "KILL").positionals);
        assertEquals(List.of("--all"), parse("kill", "--all", "a", "9").flags);
        assertEquals(List.of("-f"), parse("delete", "-f", "a").flags);
        assertEquals("json", parse("list", "--format", "json").format);
        assertEquals("json", parse("list", "--format=json", "-q").format);
        assertEquals(List.of("a"), parse("run-cleanup", "--", "a").positionals);
        assertEquals(List.of("a"), parse("start", "a").positionals);
    }

    @Test
    void defaultsMatchPicocli() {
        FrequentCommands c = parse("list");
        assertEquals(Path.of("/run/husk"), c.globals.root());
        assertEquals("text", c.globals.logFormat());
        assertEquals("table", c.format);
        assertEquals(GlobalOptions.defaultPluginsDir(), c.globals.pluginsDir());
    }

    @Test
    void leavesEverythingElseToPicocli() {
        assertNull(parse());
        assertNull(parse("--help"));
        assertNull(parse("--version"));
        assertNull(parse("--root"));
        assertNull(parse("--systemd-cgroup", "state", "a"));
        assertNull(parse("--debug=true", "state", "a"));
        assertNull(parse("state"));
        assertNull(parse("state", "a", "b"));
        assertNull(parse("state", "--help", "a"));
        assertNull(parse("kill", "a", "-9"));
        assertNull(parse("kill", "a", "KILL", "extra"));
        assertNull(parse("delete", "--", "a"));
        assertNull(parse("list", "-qf", "json"));
        assertNull(parse("list", "--format"));
        assertNull(parse("list", "x"));
        assertNull(parse("create", "a"));
        assertNull(parse("exec", "a", "sh"));
        assertNull(parse("--root", "bad\0path", "state", "a"));
    }
}
