package io.husk.core.plugin;

import io.husk.core.HuskException;
import io.husk.core.state.ContainerState;
import io.husk.spi.IoErrors;
import io.husk.spi.cgroup.CgroupDriver;
import io.husk.spi.cgroup.CgroupManager;
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
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds backends with {@link ServiceLoader}, on the class path and in the jars of the plugins directory, so a
 * vendor's jar works without rebuilding husk. Discovery is lazy: commands that need no backend pay nothing.
 */
public final class Plugins {
    public static final Path DEFAULT_DIR = Path.of("/usr/lib/husk/plugins");

    /** The system property naming the build's provider index (see {@link #indexed}). */
    public static final String INDEX_PROPERTY = "husk.providers";
    /** The kinds of backend husk discovers. */
    private static final List<Class<?>> KINDS = List.of(CgroupDriver.class, RootfsStrategy.class, SyncBackend.class);

    private final Path dir;
    private ClassLoader loader;
    private Properties index;

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
                    throw new HuskException("cannot read the plugins directory " + dir + ": " + IoErrors.reason(e));
                }
            }
            ClassLoader parent = Plugins.class.getClassLoader();
            if (jars.isEmpty()) {
                loader = parent; // the common case, without a comparator's lambda to link on every start
            } else {
                jars.sort(Comparator.comparing(URL::toString));
                loader = new URLClassLoader(jars.toArray(URL[]::new), parent);
            }
        }
        return loader;
    }

    public <T> List<T> all(Class<T> type) {
        List<T> indexed = indexed(type);
        if (indexed != null) {
            return indexed;
        }
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

    /**
     * The class path's providers as the build's index lists them, or null when discovery must scan: no index
     * (its path is given by bin/husk only while the AOT cache's key, which covers every jar, matches), jars in the
     * plugins directory, or a listed class that does not load. A scan opens every jar on the class path (~15 ms
     * of create); the index is written by {@link #writeIndex} with the same ServiceLoader discovery.
     */
    private <T> List<T> indexed(Class<T> type) {
        String file = System.getProperty(INDEX_PROPERTY);
        ClassLoader parent = Plugins.class.getClassLoader();
        if (file == null || loader() != parent) {
            return null;
        }
        if (index == null) {
            index = new Properties();
            try (java.io.Reader r = Files.newBufferedReader(Path.of(file))) {
                index.load(r);
            } catch (IOException | IllegalArgumentException e) {
                return null;
            }
        }
        String names = index.getProperty(type.getName());
        if (names == null) {
            return null;
        }
        List<T> out = new ArrayList<>();
        for (String name : names.isEmpty() ? new String[0] : names.split(",")) {
            T t = recorded(type, name);
            if (t == null) {
                return null;
            }
            out.add(t);
        }
        return out;
    }

    /** Writes the index of the class path's providers of every kind husk discovers (the build's use). */
    public static void writeIndex(Path file) throws IOException {
        Plugins scan = new Plugins(Path.of("/nonexistent"));
        Properties p = new Properties();
        for (Class<?> kind : KINDS) {
            List<String> names = new ArrayList<>();
            for (Object provider : scan.all(kind)) {
                names.add(provider.getClass().getName());
            }
            p.setProperty(kind.getName(), String.join(",", names));
        }
        try (java.io.Writer w = Files.newBufferedWriter(file)) {
            p.store(w, "providers on husk's class path, by ServiceLoader (used while the AOT cache's key matches)");
        }
    }

    /** The usable cgroup driver with the highest priority (a loop: create runs mostly interpreted). */
    public CgroupDriver cgroupDriver() {
        List<CgroupDriver> all = all(CgroupDriver.class);
        CgroupDriver best = null;
        for (CgroupDriver d : all) {
            if (d.usable() && (best == null || d.priority() > best.priority())) {
                best = d;
            }
        }
        if (best == null) {
            throw new HuskException("no installed cgroup driver can manage this host's cgroups (installed: "
                    + names(all, CgroupDriver::name) + ")");
        }
        return best;
    }

    public CgroupDriver cgroupDriver(String name) {
        return cgroupDriver(name, null);
    }

    public RootfsStrategy rootfs(String name) {
        return rootfs(name, null);
    }

    public SyncBackend sync(String name) {
        return sync(name, null);
    }

    /** The container's gate, as create chose it. */
    public SyncBackend sync(ContainerState s) {
        return sync(s.syncBackend(), s.provider(ContainerState.SYNC));
    }

    /** The manager of the container's cgroup, by the driver create chose. */
    public CgroupManager cgroup(ContainerState s) {
        return cgroupDriver(s.cgroupDriver(), s.provider(ContainerState.CGROUP)).manager(s.cgroupsPath());
    }

    public RootfsStrategy rootfs(ContainerState s) {
        return rootfs(s.rootfsStrategy(), s.provider(ContainerState.ROOTFS));
    }

    /** The driver of that name; providerClass (recorded at create, may be null) saves discovering them all. */
    public CgroupDriver cgroupDriver(String name, String providerClass) {
        CgroupDriver d = recorded(CgroupDriver.class, providerClass);
        return d != null && d.name().equals(name) ? d
                : find(CgroupDriver.class, CgroupDriver::name, name, "cgroup driver");
    }

    public RootfsStrategy rootfs(String name, String providerClass) {
        RootfsStrategy r = recorded(RootfsStrategy.class, providerClass);
        return r != null && r.name().equals(name) ? r
                : find(RootfsStrategy.class, RootfsStrategy::name, name, "rootfs strategy");
    }

    public SyncBackend sync(String name, String providerClass) {
        SyncBackend b = recorded(SyncBackend.class, providerClass);
        return b != null && b.name().equals(name) ? b
                : find(SyncBackend.class, SyncBackend::name, name, "sync backend");
    }

    /**
     * The provider create found by discovery, loaded by its class name: {@link ServiceLoader} reads the service
     * files of every jar on the class path, about 55 ms of a command that should take 40. Null when the class
     * is gone or is not such a provider (a plugin jar was replaced); discovery by name then decides.
     */
    private <T> T recorded(Class<T> type, String providerClass) {
        if (providerClass == null) {
            return null;
        }
        try {
            Class<?> c = Class.forName(providerClass, true, loader());
            return type.isAssignableFrom(c) ? type.cast(c.getConstructor().newInstance()) : null;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
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
