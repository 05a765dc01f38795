package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.husk.spi.rootfs.RootfsStrategy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A vendor's backend in a jar dropped in the plugins directory, compiled here against the published spi only:
 * husk finds it there (the build's provider index covers only husk's own class path), later commands load it
 * again by its recorded class, and without the directory it is unknown.
 */
class PluginsDirIT extends ContainerFixture {
    private static final String SOURCE = """
            package com.example.husk;

            import io.husk.spi.rootfs.*;
            import java.nio.file.*;
            import java.util.List;

            public final class VendorRootfs implements RootfsStrategy {
                public String name() { return "vendor"; }

                public RootfsLayout layout(RootfsRequest r) {
                    String root = r.rootPath().toString();
                    return new RootfsLayout(r.rootPath(), List.of(
                            new MountRequest(root, root, null, MountRequest.MS_BIND | MountRequest.MS_REC, null)));
                }

                public void prepare(RootfsRequest r) throws RootfsException {
                    try {
                        Files.writeString(r.bundle().resolve("vendor-prepared"), r.containerId());
                    } catch (java.io.IOException e) {
                        throw new RootfsException(e.getMessage());
                    }
                }

                public void cleanup(RootfsRequest r) throws RootfsException {
                    try {
                        Files.writeString(r.bundle().resolve("vendor-cleaned"), r.containerId());
                    } catch (java.io.IOException e) {
                        throw new RootfsException(e.getMessage());
                    }
                }
            }
            """;

    private Path plugins;

    @Override
    protected String idPrefix() {
        return "plug";
    }

    @BeforeEach
    void buildPlugin() throws Exception {
        plugins = Files.createTempDirectory("husk-plugins");
        Path src = Files.createTempDirectory("husk-plugin-src");
        Path java = src.resolve("com/example/husk/VendorRootfs.java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, SOURCE);
        Path spi = Path.of(RootfsStrategy.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "--release", "21", "-cp", spi.toString(), "-d",
                src.toString(), java.toString()), "the plugin compiles against the spi alone");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(plugins.resolve("vendor.jar")))) {
            add(jar, "META-INF/services/" + RootfsStrategy.class.getName(),
                    "com.example.husk.VendorRootfs\n".getBytes(StandardCharsets.UTF_8));
            add(jar, "com/example/husk/VendorRootfs.class",
                    Files.readAllBytes(src.resolve("com/example/husk/VendorRootfs.class")));
        }
        bundle.config().withObject("annotations").put("io.husk.rootfs", "vendor");
        bundle.args("true").write();
    }

    private static void add(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        OutputStream out = jar;
        out.write(bytes);
        jar.closeEntry();
    }

    @AfterEach
    void removePlugin() throws Exception {
        husk.run("--plugins-dir", plugins.toString(), "delete", "--force", id);
        try (var files = Files.walk(plugins)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void aPluginJarIsFoundUsedAndCleanedUp() throws Exception {
        String dir = plugins.toString();
        husk.ok("--plugins-dir", dir, "create", "--bundle", bundle.dir().toString(), id);
        assertEquals(id, Files.readString(bundle.dir().resolve("vendor-prepared")));
        husk.ok("--plugins-dir", dir, "start", id);
        LifecycleIT.waitFor(() -> husk.ok("state", id).out().contains("\"status\": \"stopped\""));
        husk.ok("--plugins-dir", dir, "delete", id);
        assertEquals(id, Files.readString(bundle.dir().resolve("vendor-cleaned")), "delete ran its cleanup");
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void withoutTheDirectoryThePluginIsUnknown() throws Exception {
        HuskRunner.Result r = husk.run("create", "--bundle", bundle.dir().toString(), id);
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.errLine().contains("unknown rootfs strategy") && r.errLine().contains("vendor")
                && r.errLine().contains("installed: bind, overlayfs"),
                r.err());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void aNamedDirectoryThatIsNotThereIsRefused() throws Exception {
        Path missing = plugins.resolve("no-such-dir");
        for (String command : List.of("list", "create")) {
            HuskRunner.Result r = command.equals("list") ? husk.run("--plugins-dir", missing.toString(), "list")
                    : husk.run("--plugins-dir", missing.toString(), "create", "--bundle", bundle.dir().toString(), id);
            assertEquals(1, r.exit(), r.err());
            assertTrue(r.errLine().contains("--plugins-dir " + missing + " (or HUSK_PLUGINS_DIR): not a directory"),
                    r.err());
        }
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }
}
