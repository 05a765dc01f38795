package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every rlimit type applied exactly, read back from /proc/self/limits inside the container. */
class RlimitIT extends ContainerFixture {
    private static final BigInteger UNLIMITED = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);
    private static final int CAP_SYS_RESOURCE = 24;
    /** Type, its /proc/PID/limits label, and a soft value the busybox shell survives. */
    private static final String[][] TYPES = {
        {"RLIMIT_CPU", "Max cpu time", "1000"}, {"RLIMIT_FSIZE", "Max file size", "1099511627776"},
        {"RLIMIT_DATA", "Max data size", "68719476736"}, {"RLIMIT_STACK", "Max stack size", "8388608"},
        {"RLIMIT_CORE", "Max core file size", "0"}, {"RLIMIT_RSS", "Max resident set", "1073741824"},
        {"RLIMIT_NPROC", "Max processes", "4096"}, {"RLIMIT_NOFILE", "Max open files", "512"},
        {"RLIMIT_MEMLOCK", "Max locked memory", "65536"}, {"RLIMIT_AS", "Max address space", "1099511627776"},
        {"RLIMIT_LOCKS", "Max file locks", "1000"}, {"RLIMIT_SIGPENDING", "Max pending signals", "1000"},
        {"RLIMIT_MSGQUEUE", "Max msgqueue size", "8192"}, {"RLIMIT_NICE", "Max nice priority", "0"},
        {"RLIMIT_RTPRIO", "Max realtime priority", "0"}, {"RLIMIT_RTTIME", "Max realtime timeout", "100000"},
    };

    @Override
    protected String idPrefix() {
        return "rl";
    }

    /**
     * Every type with soft below hard, the hard limit being this process's own (which husk inherits): raising
     * one needs CAP_SYS_RESOURCE, which not every test host grants.
     */
    @Test
    void everyTypeExactly() throws Exception {
        List<String> own = Files.readAllLines(Path.of("/proc/self/limits"));
        Map<String, String[]> want = new LinkedHashMap<>();
        for (String[] t : TYPES) {
            String hard = field(own.stream().filter(l -> l.startsWith(t[1])).findFirst().orElseThrow(), 2);
            String soft = !hard.equals("unlimited") && new BigInteger(t[2]).compareTo(new BigInteger(hard)) > 0
                    ? hard : t[2];
            want.put(t[0], new String[] {t[1], soft, hard});
        }
        assertLimits(want, List.of());
    }

    /** As root with CAP_SYS_RESOURCE, husk-init raises a hard limit above the one husk itself runs with. */
    @Test
    void aboveTheCallersHardLimit() throws Exception {
        String capEff = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("CapEff:")).findFirst().orElseThrow().substring(7).strip();
        Assumptions.assumeTrue((Long.parseUnsignedLong(capEff, 16) & (1L << CAP_SYS_RESOURCE)) != 0,
                "this host withholds CAP_SYS_RESOURCE even from root");
        Map<String, String[]> want = new LinkedHashMap<>();
        want.put("RLIMIT_NOFILE", new String[] {"Max open files", "2048", "8192"});
        want.put("RLIMIT_RTPRIO", new String[] {"Max realtime priority", "5", "10"});
        assertLimits(want, List.of("sh", "-c", "ulimit -n 4096 && exec \"$0\" \"$@\""));
    }

    /** Runs the container (through a shell prefix, when given) and compares /proc/self/limits. */
    private void assertLimits(Map<String, String[]> want, List<String> prefix) throws Exception {
        ArrayNode limits = bundle.process().putArray("rlimits");
        want.forEach((type, v) -> limits.addObject().put("type", type).put("soft", value(v[1]))
                .put("hard", value(v[2])));
        bundle.args("sh", "-c", "cat /proc/$$/limits").write();
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(List.of(HuskRunner.LAUNCHER.toString(), "--root", root.toString(), "run", "--bundle",
                bundle.dir().toString(), id));
        Path out = Files.createTempFile("husk-rlimit", ".txt"), err = Files.createTempFile("husk-rlimit", ".err");
        String got;
        try {
            Process p = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), Files.readString(err));
            got = Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
        for (String[] v : want.values()) {
            String line = got.lines().filter(l -> l.startsWith(v[0])).findFirst().orElseThrow();
            assertEquals(v[1], field(line, 1), line);
            assertEquals(v[2], field(line, 2), line);
        }
    }

    private static BigInteger value(String s) {
        return s.equals("unlimited") ? UNLIMITED : new BigInteger(s);
    }

    /** Soft (1) or hard (2) column of a /proc/PID/limits line; names have spaces, the columns are fixed-width. */
    private static String field(String line, int n) {
        return n == 1 ? line.substring(26, 47).strip() : line.substring(47, 68).strip();
    }
}
