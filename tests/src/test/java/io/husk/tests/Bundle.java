package io.husk.tests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A busybox bundle in a temporary directory, built by scripts/make-busybox-bundle.sh, with a config that starts
 * from husk's default and that each test edits as JSON.
 */
public final class Bundle implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final ObjectNode config;

    private Bundle(Path dir, ObjectNode config) {
        this.dir = dir;
        this.config = config;
    }

    public static Bundle busybox(String... args) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("husk-bundle");
        Process p = new ProcessBuilder(HuskRunner.HOME.resolve("scripts/make-busybox-bundle.sh").toString(),
                dir.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IOException("make-busybox-bundle.sh failed");
        }
        ObjectNode config = (ObjectNode) JSON.readTree(HuskRunner.HOME.resolve(
                "cli/src/main/resources/io/husk/cli/config-template.json").toFile());
        Bundle b = new Bundle(dir, config);
        b.args(args.length == 0 ? new String[] {"true"} : args);
        return b;
    }

    public Path dir() {
        return dir;
    }

    public Path rootfs() {
        return dir.resolve("rootfs");
    }

    public ObjectNode config() {
        return config;
    }

    public ObjectNode process() {
        return (ObjectNode) config.get("process");
    }

    public ObjectNode linux() {
        return (ObjectNode) config.get("linux");
    }

    public Bundle args(String... args) {
        ArrayNode a = process().putArray("args");
        for (String s : args) {
            a.add(s);
        }
        return this;
    }

    public Bundle cgroupsPath(String path) {
        linux().put("cgroupsPath", path);
        return this;
    }

    /** Drops linux.resources.devices, for tests about something else than the device cgroup. */
    public Bundle noDeviceRules() {
        ObjectNode res = (ObjectNode) linux().get("resources");
        if (res != null) {
            res.remove("devices");
        }
        return this;
    }

    /** Writes config.json; call after the last edit. */
    public Bundle write() throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("config.json").toFile(), config);
        return this;
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
