package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Host protection: the container starts with only stdio and the preserved fds, and its cwd inside its root. */
class FdIT extends ContainerFixture {
    @Override
    protected String idPrefix() {
        return "fd";
    }

    /** Runs husk from a shell that first opens fds 3, 4 and 5 on a host file. */
    private String runWithOpenFds(String... huskArgs) throws Exception {
        Path out = Files.createTempFile("husk-fd", ".txt");
        try {
            String cmd = "exec 3</etc/hostname 4</etc/hostname 5</etc/hostname; exec \"$0\" \"$@\"";
            List<String> argv = new java.util.ArrayList<>(List.of("sh", "-c", cmd, HuskRunner.LAUNCHER.toString(),
                    "--root", root.toString()));
            argv.addAll(List.of(huskArgs));
            Process p = new ProcessBuilder(argv).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    void onlyStdio() throws Exception {
        // "; true": a lone command would be exec'd by the shell, and ls would list its own directory fd.
        bundle.args("sh", "-c", "ls /proc/$$/fd; true").write();
        String out = runWithOpenFds("run", "--bundle", bundle.dir().toString(), id);
        assertEquals(List.of("0", "1", "2"), out.lines().toList());
    }

    @Test
    void stdioAndTwoPreservedFds() throws Exception {
        bundle.args("sh", "-c", "ls /proc/$$/fd; read line <&3 && echo fd3=ok").write();
        String out = runWithOpenFds("run", "--preserve-fds", "2", "--bundle", bundle.dir().toString(), id);
        assertEquals(List.of("0", "1", "2", "3", "4", "fd3=ok"), out.lines().toList());
    }

    /**
     * More fds asked for than passed (3, 4 and 5 are): the numbers above are the JVM's own files (jars, its
     * class image) and stay out, as nobody passed them.
     */
    @Test
    void preservedNumbersTheCallerDidNotPassStayClosed() throws Exception {
        bundle.args("sh", "-c", "ls /proc/$$/fd; true").write();
        String out = runWithOpenFds("run", "--preserve-fds", "9", "--bundle", bundle.dir().toString(), id);
        assertEquals(List.of("0", "1", "2", "3", "4", "5"), out.lines().toList());
    }

    /** The CVE-2024-21626 class: no descriptor or cwd of the host reaches the container. */
    @Test
    void cwdAndDescriptorsAreTheContainers() throws Exception {
        bundle.process().put("cwd", "/tmp");
        bundle.args("sh", "-c", "readlink /proc/$$/cwd; readlink /proc/$$/root; ls /proc/$$/fd").write();
        HuskRunner.Result r = husk.run("run", "--bundle", bundle.dir().toString(), id);
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("/tmp", lines.get(0));
        assertEquals("/", lines.get(1));
        assertEquals(List.of("0", "1", "2"), lines.subList(2, 5));
        assertFalse(r.out().contains(bundle.dir().toString()), r.out());
    }
}
