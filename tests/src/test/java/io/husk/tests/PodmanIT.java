package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * husk as podman's runtime, where podman is installed (scripts/deps.sh installs it): podman's own calls, flags and
 * expectations, each case one that podman users met. The image is this suite's busybox root filesystem, imported
 * under a tag of its own and removed afterwards.
 */
class PodmanIT {
    private static Bundle source;
    private static String image;
    private final List<String> names = new ArrayList<>();

    private record Result(int exit, String out) {
    }

    @BeforeAll
    static void importImage() throws Exception {
        assumeTrue(command("podman", "--version").exit() == 0, "podman is not installed");
        source = Bundle.busybox();
        image = "localhost/husk-it-" + Long.toHexString(System.nanoTime());
        Result imported = command("sh", "-c", "tar -C '" + source.rootfs() + "' -c . | podman import - " + image);
        assertEquals(0, imported.exit(), imported.out());
    }

    @AfterAll
    static void removeImage() throws Exception {
        if (image != null) {
            command("podman", "rmi", "-f", image);
        }
        if (source != null) {
            source.close();
        }
    }

    @AfterEach
    void removeContainers() throws Exception {
        for (String name : names) {
            podman("rm", "-f", "-t", "0", name);
        }
    }

    /** Output goes to a file, so a command that hangs with its output open still meets the timeout. */
    private static Result command(String... cmd) throws IOException, InterruptedException {
        Path output = Files.createTempFile("husk-podman", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(new File("/dev/null")).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " did not finish in 120 s");
            }
            return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.delete(output);
        }
    }

    private static Result podman(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("podman", "--runtime", HuskRunner.LAUNCHER.toString(),
                "--cgroup-manager", "cgroupfs"));
        cmd.addAll(List.of(args));
        return command(cmd.toArray(String[]::new));
    }

    /**
     * A container podman runs with husk. The rlimits are lowered explicitly: podman's defaults raise them past the
     * hard limits, which needs CAP_SYS_RESOURCE (absent on this project's machines, for every runtime).
     */
    private Result run(String name, String... args) throws IOException, InterruptedException {
        names.add(name);
        List<String> cmd = new ArrayList<>(List.of("run", "--name", name, "--network", "none", "--ulimit",
                "nofile=1024:1024", "--ulimit", "nproc=1024:1024"));
        cmd.addAll(List.of(args));
        return podman(cmd.toArray(String[]::new));
    }

    private static String name() {
        return "husk-it-" + Long.toHexString(System.nanoTime());
    }

    @Test
    void runGivesTheOutputAndTheExitStatusWithLoopbackUpAndNoSignalIgnored() throws Exception {
        Result r = run(name(), image, "sh", "-c", "cat /sys/class/net/lo/flags; grep SigIgn /proc/self/status; exit 3");
        assertEquals(3, r.exit(), r.out());
        assertTrue(r.out().contains("0x9\n"), "lo is up under --network none: " + r.out());
        assertTrue(r.out().contains("SigIgn:\t0000000000000000"), r.out());
    }

    @Test
    void aTerminalIsTheContainersConsole() throws Exception {
        Result r = run(name(), "-t", image, "stat", "-c", "%t", "/dev/console");
        assertEquals(0, r.exit(), r.out());
        assertEquals("88", r.out().strip(), "the pty (136) is bound on /dev/console");
    }

    @Test
    void aDeviceGivenReadOnlyCannotBeOpenedForWriting() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/fuse")), "no /dev/fuse on this host");
        Result r = run(name(), "--device", "/dev/fuse:/dev/fuse:r", image, "sh", "-c",
                "exec 3</dev/fuse && echo read-opened; (exec 4>/dev/fuse) 2>/dev/null || echo denied");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("read-opened\ndenied"), r.out());
    }

    @Test
    void aDetachedContainerTakesExecAndStops() throws Exception {
        String name = name();
        Result started = run(name, "-d", image, "sleep", "1000");
        assertEquals(0, started.exit(), started.out());
        Result exec = podman("exec", name, "sh", "-c", "echo in-$(hostname)");
        assertEquals(0, exec.exit(), exec.out());
        assertTrue(exec.out().contains("in-"), exec.out());
        assertEquals(0, podman("stop", "-t", "1", name).exit());
        Result status = podman("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", name);
        assertEquals("exited 137", status.out().strip(), "sleep ignores TERM, so stop ends with KILL");
    }

    @Test
    void aMissingCommandIsExit127() throws Exception {
        Result r = run(name(), image, "/no/such/command");
        assertEquals(127, r.exit(), r.out());
        assertTrue(r.out().contains("/no/such/command"), r.out());
    }
}
