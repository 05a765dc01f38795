package io.husk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command line the picocli-free parser takes means the same to picocli: same id, flags, values and
 * global options. (What it does not take goes to picocli anyway.)
 */
class ParserAgreementTest {
    private static final List<String[]> LINES = List.of(
            new String[] {"state", "a"},
            new String[] {"--root", "/r", "--debug", "--log-format=json", "--log", "/l", "start", "a"},
            new String[] {"kill", "a"},
            new String[] {"kill", "--all", "a", "9"},
            new String[] {"kill", "a", "SIGUSR1", "-a"},
            new String[] {"delete", "-f", "a"},
            new String[] {"delete", "a"},
            new String[] {"list"},
            new String[] {"list", "--format=json", "-q"},
            new String[] {"list", "-f", "json"},
            new String[] {"create", "--bundle", "/b", "--pid-file=/p", "--no-pivot", "--preserve-fds", "2", "id1"},
            new String[] {"create", "--console-socket", "/s", "--dry-run", "id1", "-b", "/b"},
            new String[] {"run", "-d", "-b", "/b", "x"},
            new String[] {"run", "--no-new-keyring", "x"},
            new String[] {"create", "--no-new-keyring", "-b", "/b", "x"},
            new String[] {"run", "x"},
            new String[] {"run", "--keep", "--no-subreaper", "x"},
            new String[] {"run-cleanup", "--", "x"});

    @Test
    void bothParsersReadTheSameValues() {
        for (String[] line : LINES) {
            FrequentCommands ours = FrequentCommands.parse(line);
            assertNotNull(ours, String.join(" ", line));
            HuskCommand root = new HuskCommand();
            CommandLine cl = new CommandLine(root);
            Subcommands.register(cl, line);
            CommandLine.ParseResult parsed = cl.parseArgs(line);
            Object sub = parsed.subcommand().commandSpec().userObject();
            String what = String.join(" ", line);
            assertEquals(root.root, ours.globals.root(), what);
            assertEquals(root.log, ours.globals.log(), what);
            assertEquals(root.logFormat, ours.globals.logFormat(), what);
            assertEquals(root.debug, ours.globals.debug(), what);
            assertEquals(root.pluginsDir, ours.globals.pluginsDir(), what);
            compare(sub, ours, what);
        }
    }

    private static void compare(Object sub, FrequentCommands ours, String what) {
        String id = ours.positionals.isEmpty() ? null : ours.positionals.get(0);
        switch (sub) {
            case StateCommand c -> assertEquals(c.id, id, what);
            case StartCommand c -> assertEquals(c.id, id, what);
            case KillCommand c -> {
                assertEquals(c.id, id, what);
                assertEquals(c.signal, ours.positionals.size() > 1 ? ours.positionals.get(1) : "TERM", what);
                assertEquals(c.all, ours.flags.containsKey("all"), what);
            }
            case DeleteCommand c -> {
                assertEquals(c.id, id, what);
                assertEquals(c.force, ours.flags.containsKey("force"), what);
            }
            case ListCommand c -> {
                assertEquals(c.format, ours.flags.getOrDefault("format", "table"), what);
                assertEquals(c.quiet, ours.flags.containsKey("quiet"), what);
            }
            case CreateCommand c -> same(c.options, ours.createOptions(id), what);
            case RunCommand c -> {
                same(c.options, ours.createOptions(id), what);
                assertEquals(c.detach, ours.flags.containsKey("detach"), what);
                assertEquals(c.keep, ours.flags.containsKey("keep"), what);
                assertEquals(c.noSubreaper, ours.flags.containsKey("no-subreaper"), what);
            }
            case RunCleanupCommand c -> assertEquals(c.id, id, what);
            default -> throw new AssertionError("no comparison for " + sub.getClass());
        }
    }

    private static void same(CreateOptions p, CreateOptions o, String what) {
        assertEquals(p.id, o.id, what);
        assertEquals(p.bundle, o.bundle, what);
        assertEquals(p.pidFile, o.pidFile, what);
        assertEquals(p.consoleSocket, o.consoleSocket, what);
        assertEquals(p.noPivot, o.noPivot, what);
        assertEquals(p.noNewKeyring, o.noNewKeyring, what);
        assertEquals(p.dryRun, o.dryRun, what);
        assertEquals(p.preserveFds, o.preserveFds, what);
    }
}
