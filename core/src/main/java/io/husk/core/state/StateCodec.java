package io.husk.core.state;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The state file in the JDK's properties format. Every command reads it, most of them in a JVM that lives a
 * few dozen milliseconds: a JSON parser's first use costs more than that (jackson-core's parser initialises
 * BigDecimal, about 90 ms interpreted), {@link Properties} next to nothing. Lists and maps become numbered or
 * prefixed keys; Properties escapes whatever a key or value holds.
 */
public final class StateCodec {
    private static final String ANNOTATION = "annotation.", CGROUP_CREATED = "cgroupCreated.",
            PROVIDER = "provider.", HOST_MOUNTS_ROOT = "hostMounts.root", HOST_MOUNTS_KEPT = "hostMounts.kept";

    private StateCodec() {
    }

    public static byte[] write(ContainerState s) throws IOException {
        Properties p = new Properties();
        put(p, "ociVersion", s.ociVersion());
        put(p, "id", s.id());
        put(p, "bundle", s.bundle());
        p.setProperty("pid", Integer.toString(s.pid()));
        p.setProperty("initStartTime", Long.toString(s.initStartTime()));
        put(p, "created", s.created());
        putAll(p, ANNOTATION, s.annotations());
        put(p, "cgroupDriver", s.cgroupDriver());
        put(p, "cgroupsPath", s.cgroupsPath());
        for (int i = 0; i < s.cgroupCreated().size(); i++) {
            p.setProperty(CGROUP_CREATED + i, s.cgroupCreated().get(i));
        }
        put(p, "rootfsStrategy", s.rootfsStrategy());
        put(p, "rootPath", s.rootPath());
        p.setProperty("rootReadonly", Boolean.toString(s.rootReadonly()));
        put(p, "syncBackend", s.syncBackend());
        p.setProperty("ready", Boolean.toString(s.ready()));
        putAll(p, PROVIDER, s.providers());
        p.setProperty("hooks", String.join(",", s.hooks()));
        p.setProperty("ownPidNamespace", Boolean.toString(s.ownPidNamespace()));
        put(p, "sessionKeyring", s.sessionKeyring());
        if (s.hostMounts() != null) {
            p.setProperty(HOST_MOUNTS_ROOT, s.hostMounts().root());
            StringBuilder kept = new StringBuilder();
            for (int id : s.hostMounts().kept()) {
                kept.append(kept.isEmpty() ? "" : ",").append(id);
            }
            p.setProperty(HOST_MOUNTS_KEPT, kept.toString());
        }
        StringWriter w = new StringWriter();
        p.store(w, "husk container state");
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static ContainerState read(byte[] bytes) throws IOException {
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw new IOException("malformed state file: " + e.getMessage());
        }
        String hooks = p.getProperty("hooks", "");
        return new ContainerState(p.getProperty("ociVersion"), p.getProperty("id"), p.getProperty("bundle"),
                integer(p, "pid"), longValue(p, "initStartTime"), p.getProperty("created"), prefixed(p, ANNOTATION),
                p.getProperty("cgroupDriver"), p.getProperty("cgroupsPath"), numbered(p, CGROUP_CREATED),
                p.getProperty("rootfsStrategy"), p.getProperty("rootPath"),
                Boolean.parseBoolean(p.getProperty("rootReadonly")), p.getProperty("syncBackend"),
                Boolean.parseBoolean(p.getProperty("ready")), prefixed(p, PROVIDER),
                hooks.isEmpty() ? List.of() : Arrays.asList(hooks.split(",")), hostMounts(p),
                Boolean.parseBoolean(p.getProperty("ownPidNamespace")), p.getProperty("sessionKeyring"));
    }

    /** Null unless the container has no mount namespace of its own. */
    private static HostMounts hostMounts(Properties p) throws IOException {
        String root = p.getProperty(HOST_MOUNTS_ROOT);
        if (root == null) {
            return null;
        }
        List<Integer> kept = new ArrayList<>();
        for (String id : p.getProperty(HOST_MOUNTS_KEPT, "").split(",")) {
            if (!id.isEmpty()) {
                try {
                    kept.add(Integer.parseInt(id));
                } catch (NumberFormatException e) {
                    throw new IOException("state file: " + HOST_MOUNTS_KEPT + " holds \"" + id + "\"");
                }
            }
        }
        return new HostMounts(root, kept);
    }

    private static void put(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }

    private static void putAll(Properties p, String prefix, Map<String, String> map) {
        for (Map.Entry<String, String> e : map.entrySet()) {
            p.setProperty(prefix + e.getKey(), e.getValue());
        }
    }

    /** Keys under the prefix, in key order (Properties keeps none; the spec gives annotations none either). */
    private static Map<String, String> prefixed(Properties p, String prefix) {
        Map<String, String> sorted = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith(prefix)) {
                sorted.put(k.substring(prefix.length()), p.getProperty(k));
            }
        }
        return new LinkedHashMap<>(sorted);
    }

    private static List<String> numbered(Properties p, String prefix) {
        List<String> out = new ArrayList<>();
        for (int i = 0; p.getProperty(prefix + i) != null; i++) {
            out.add(p.getProperty(prefix + i));
        }
        return out;
    }

    private static int integer(Properties p, String key) throws IOException {
        return (int) longValue(p, key);
    }

    private static long longValue(Properties p, String key) throws IOException {
        try {
            return Long.parseLong(p.getProperty(key, "0"));
        } catch (NumberFormatException e) {
            throw new IOException("state file: " + key + " is not a number");
        }
    }
}
