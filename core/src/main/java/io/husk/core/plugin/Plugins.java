package io.husk.core.plugin;

import io.husk.core.HuskException;
import io.husk.spi.cgroup.CgroupDriver;
import io.husk.spi.rootfs.RootfsStrategy;
import io.husk.spi.sync.SyncBackend;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds backends with {@link ServiceLoader}, on the class path and in the jars of the plugins directory, so a
 * vendor's jar works without rebuilding husk. Discovery is lazy: commands that need no backend pay nothing.
 */
public final class Plugins {
    public static final Path DEFAULT_DIR = Path.of("/usr/lib/husk/plugins");

    private final Path dir;
    private ClassLoader loader;

    public Plugins(Path dir) {
        this.dir = dir;
    }

    private synchronized ClassLoader loader() {
        if (loader == null) {
            List<URL> jars = new ArrayList<>();
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jar")) {
                    for (Path p : ds) {
                        jars.add(p.toUri().toURL());
                    }
                } catch (MalformedURLException e) {
                    throw new HuskException("plugins directory " + dir + ": " + e.getMessage());
                } catch (IOException e) {
                    throw new HuskException("cannot read the plugins directory " + dir + ": " + e.getMessage());
                }
            }
            jars.sort(Comparator.comparing(URL::toString));
            ClassLoader parent = Plugins.class.getClassLoader();
            loader = jars.isEmpty() ? parent : new URLClassLoader(jars.toArray(URL[]::new), parent);
        }
        return loader;
    }

    public <T> List<T> all(Class<T> type) {
        List<T> out = new ArrayList<>();
        try {
            for (T t : ServiceLoader.load(type, loader())) {
                out.add(t);
            }
        } catch (java.util.ServiceConfigurationError e) {
            throw new HuskException("a plugin in " + dir + " or on the class path is broken: " + e.getMessage());
        }
        return out;
    }

    /** The usable cgroup driver with the highest priority. */
    public CgroupDriver cgroupDriver() {
        return all(CgroupDriver.class).stream().filter(CgroupDriver::usable)
                .max(Comparator.comparingInt(CgroupDriver::priority))
                .orElseThrow(() -> new HuskException("no installed cgroup driver can manage this host's cgroups"
                        + " (installed: " + names(all(CgroupDriver.class), CgroupDriver::name) + ")"));
    }

    public CgroupDriver cgroupDriver(String name) {
        return find(CgroupDriver.class, CgroupDriver::name, name, "cgroup driver");
    }

    public RootfsStrategy rootfs(String name) {
        return find(RootfsStrategy.class, RootfsStrategy::name, name, "rootfs strategy");
    }

    public SyncBackend sync(String name) {
        return find(SyncBackend.class, SyncBackend::name, name, "sync backend");
    }

    private <T> T find(Class<T> type, java.util.function.Function<T, String> nameOf, String name, String what) {
        List<T> all = all(type);
        for (T t : all) {
            if (nameOf.apply(t).equals(name)) {
                return t;
            }
        }
        throw new HuskException("unknown " + what + " \"" + name + "\"; installed: " + names(all, nameOf));
    }

    private static <T> String names(List<T> all, java.util.function.Function<T, String> nameOf) {
        return all.isEmpty() ? "none" : all.stream().map(nameOf).sorted().collect(Collectors.joining(", "));
    }
}
