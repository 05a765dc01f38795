package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every rlimit type applied exactly, read back from /proc/self/limits inside the container. */
class RlimitIT {
    private static final BigInteger UNLIMITED = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);

    private Path root;
    private HuskRunner husk;
    private Bundle bundle;
    private String id;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("husk-root");
        husk = new HuskRunner(root);
        id = "rl-" + Long.toHexString(System.nanoTime());
        bundle = Bundle.busybox();
        ((ObjectNode) bundle.linux().path("resources")).remove("devices");
    }

    @AfterEach
    void tearDown() throws Exception {
        husk.run("delete", "--force", id);
        bundle.close();
        Files.deleteIfExists(root);
    }

    @Test
    void everyTypeExactlyAndAboveTheCallersHardLimit() throws Exception {
        String r;
        // husk itself runs with a hard limit of 4096 open files; the container asks for twice that.
        long callerHard = 4096;
        long nofileHard = 2 * callerHard;
        Map<String, String[]> want = new LinkedHashMap<>();
        want.put("RLIMIT_CPU", new String[] {"Max cpu time", "1000", "2000"});
        want.put("RLIMIT_FSIZE", new String[] {"Max file size", "1099511627776", "unlimited"});
        want.put("RLIMIT_DATA", new String[] {"Max data size", "68719476736", "137438953472"});
        want.put("RLIMIT_STACK", new String[] {"Max stack size", "8388608", "16777216"});
        want.put("RLIMIT_CORE", new String[] {"Max core file size", "0", "1048576"});
        want.put("RLIMIT_RSS", new String[] {"Max resident set", "1073741824", "2147483648"});
        want.put("RLIMIT_NPROC", new String[] {"Max processes", "4096", "8192"});
        want.put("RLIMIT_NOFILE", new String[] {"Max open files", "2048", Long.toString(nofileHard)});
        want.put("RLIMIT_MEMLOCK", new String[] {"Max locked memory", "65536", "131072"});
        want.put("RLIMIT_AS", new String[] {"Max address space", "1099511627776", "2199023255552"});
        want.put("RLIMIT_LOCKS", new String[] {"Max file locks", "1000", "2000"});
        want.put("RLIMIT_SIGPENDING", new String[] {"Max pending signals", "1000", "2000"});
        want.put("RLIMIT_MSGQUEUE", new String[] {"Max msgqueue size", "819200", "1638400"});
        want.put("RLIMIT_NICE", new String[] {"Max nice priority", "10", "20"});
        want.put("RLIMIT_RTPRIO", new String[] {"Max realtime priority", "5", "10"});
        want.put("RLIMIT_RTTIME", new String[] {"Max realtime timeout", "100000", "200000"});
        ArrayNode limits = bundle.process().putArray("rlimits");
        want.forEach((type, v) -> limits.addObject().put("type", type).put("soft", value(v[1]))
                .put("hard", value(v[2])));
        bundle.args("sh", "-c", "cat /proc/$$/limits").write();
        Path out = Files.createTempFile("husk-rlimit", ".txt");
        try {
            Process p = new ProcessBuilder("sh", "-c", "ulimit -n " + callerHard + " && exec \"$0\" \"$@\"",
                    HuskRunner.LAUNCHER.toString(), "--root", root.toString(), "run", "--bundle",
                    bundle.dir().toString(), id).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
            r = Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
        }
        for (String[] v : want.values()) {
            String line = r.lines().filter(l -> l.startsWith(v[0])).findFirst().orElseThrow();
            assertEquals(v[1], field(line, 1), line);
            assertEquals(v[2], field(line, 2), line);
        }
    }

    private static BigInteger value(String s) {
        return s.equals("unlimited") ? UNLIMITED : new BigInteger(s);
    }

    /** Column n (0 the name) of a /proc/PID/limits line; names have spaces, the columns are fixed-width. */
    private static String field(String line, int n) {
        return n == 1 ? line.substring(26, 47).strip() : line.substring(47, 68).strip();
    }
}
