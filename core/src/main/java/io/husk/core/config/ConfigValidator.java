package io.husk.core.config;

import io.husk.core.HuskException;
import io.husk.core.plan.Namespaces;
import io.husk.core.plan.Rlimits;
import io.husk.core.seccomp.SeccompValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a config before anything touches the host. Each rule throws a {@link HuskException} whose message
 * names the offending field, so bad input never leaves a half-created container behind.
 */
public final class ConfigValidator {
    /**
     * The runtime-spec versions husk claims (features, {@code --version}): it implements 1.2.0 and reads every
     * config since 1.0.0 with that model; {@link #version} takes any 1.x.y, since 1.x releases only add fields.
     */
    public static final String OCI_VERSION_MIN = "1.0.0", OCI_VERSION_MAX = "1.2.0";
    private static final Pattern OCI_VERSION = Pattern.compile("1\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");
    private static final Set<String> DEVICE_TYPES = Set.of("c", "b", "u", "p");

    private ConfigValidator() {
    }

    public static void validate(Spec spec, Path bundle) {
        version(spec.ociVersion());
        root(spec.root(), bundle);
        process(spec.process());
        ProcessSecurityValidator.validate(spec.process(), spec.linux());
        Set<String> ns = namespaces(spec.linux());
        names(spec, ns);
        idMappings(spec.linux(), ns, spec.process().user());
        mounts(spec.mounts());
        linux(spec.linux(), ns);
    }

    static void version(String v) {
        if (v == null || v.isEmpty()) {
            throw new HuskException("ociVersion: missing");
        }
        if (!OCI_VERSION.matcher(v).matches()) {
            throw new HuskException("ociVersion: \"" + v + "\" is not a 1.x.y semantic version");
        }
    }

    private static void root(Spec.Root root, Path bundle) {
        if (root == null || root.path() == null || root.path().isEmpty()) {
            throw new HuskException("root.path: missing");
        }
        Path p = bundle.resolve(root.path());
        if (!Files.isDirectory(p)) {
            throw new HuskException("root.path: " + p + " is not a directory");
        }
    }

    /** execve(2) refuses a longer argument or environment string (MAX_ARG_STRLEN, 32 pages with its NUL). */
    private static final int MAX_ARG_STRLEN = 32 * 4096;

    /** Said at create, before a huge string is carried through the plan only for the execve to refuse it. */
    public static void execveStrings(String field, List<String> strings) {
        for (int i = 0; strings != null && i < strings.size(); i++) {
            String s = strings.get(i);
            if (s == null || s.length() * 3 < MAX_ARG_STRLEN) {
                continue; // a char is at most 3 UTF-8 bytes (a surrogate pair, 4 for 2): no copy for the usual case
            }
            int bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes >= MAX_ARG_STRLEN) {
                throw new HuskException(field + "[" + i + "]: " + bytes + " bytes; execve(2) takes at most "
                        + (MAX_ARG_STRLEN - 1) + " per string");
            }
        }
    }

    private static void process(Spec.Process p) {
        if (p == null) {
            throw new HuskException("process: missing");
        }
        if (p.args() == null || p.args().isEmpty() || p.args().getFirst().isEmpty()) {
            throw new HuskException("process.args: must name the program to run");
        }
        if (p.cwd() == null || !p.cwd().startsWith("/")) {
            throw new HuskException("process.cwd: must be an absolute path, got " + p.cwd());
        }
        execveStrings("process.args", p.args());
        execveStrings("process.env", p.env());
        if (p.env() != null) {
            for (int i = 0; i < p.env().size(); i++) {
                String e = p.env().get(i);
                if (e == null || e.indexOf('=') <= 0) {
                    throw new HuskException("process.env[" + i + "]: \"" + e + "\" is not KEY=value");
                }
            }
        }
        if (p.rlimits() != null) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < p.rlimits().size(); i++) {
                Spec.Rlimit r = p.rlimits().get(i);
                if (Rlimits.resource(r.type()) == null) {
                    throw new HuskException("process.rlimits[" + i + "].type: unknown rlimit \"" + r.type() + "\"");
                }
                if (!seen.add(r.type())) {
                    throw new HuskException("process.rlimits[" + i + "].type: " + r.type() + " is set twice");
                }
                rlimitValues("process.rlimits[" + i + "]", r);
            }
        }
        capabilitySets(p.capabilities());
        Ids.user(p.user(), "process.user");
        if (p.oomScoreAdj() != null && (p.oomScoreAdj() < -1000 || p.oomScoreAdj() > 1000)) {
            throw new HuskException("process.oomScoreAdj: " + p.oomScoreAdj() + " is outside -1000..1000");
        }
    }

    private static final java.math.BigInteger U64_MAX = java.math.BigInteger.ONE.shiftLeft(64).subtract(
            java.math.BigInteger.ONE);

    /** Both values are unsigned 64-bit numbers and the soft limit may not exceed the hard one (setrlimit's rule). */
    private static void rlimitValues(String field, Spec.Rlimit r) {
        for (java.math.BigInteger v : new java.math.BigInteger[] {r.soft(), r.hard()}) {
            if (v == null || v.signum() < 0 || v.compareTo(U64_MAX) > 0) {
                throw new HuskException(field + ": soft and hard must be between 0 and 2^64-1, got " + v);
            }
        }
        if (r.soft().compareTo(r.hard()) > 0) {
            throw new HuskException(field + ": soft " + r.soft() + " is above hard " + r.hard());
        }
    }

    /**
     * What capset(2) would refuse, said up front: effective must come from permitted. (Ambient capabilities
     * outside permitted and inheritable are left out with a warning by the plan, as runc ignores them.)
     */
    private static void capabilitySets(Spec.Capabilities c) {
        if (c == null) {
            return;
        }
        Set<String> permitted = new HashSet<>(c.permitted() == null ? List.of() : c.permitted());
        for (String cap : c.effective() == null ? List.<String>of() : c.effective()) {
            if (!permitted.contains(cap)) {
                throw new HuskException("process.capabilities.effective: " + cap + " is not in permitted");
            }
        }
    }

    private static Set<String> namespaces(Spec.Linux linux) {
        Set<String> types = new HashSet<>();
        if (linux == null || linux.namespaces() == null) {
            return types;
        }
        List<Spec.Namespace> list = linux.namespaces();
        for (int i = 0; i < list.size(); i++) {
            Spec.Namespace n = list.get(i);
            String field = "linux.namespaces[" + i + "]";
            if (Namespaces.flag(n.type()) == null) {
                throw new HuskException(field + ".type: unknown namespace type \"" + n.type() + "\"");
            }
            if (!types.add(n.type())) {
                throw new HuskException(field + ".type: namespace " + n.type() + " is listed twice");
            }
            if (n.path() != null && !n.path().isEmpty() && !Files.exists(Path.of(n.path()))) {
                throw new HuskException(field + ".path: " + n.path() + " does not exist");
            }
        }
        return types;
    }

    /** HOST_NAME_MAX: sethostname(2) and setdomainname(2) take at most 64 bytes. */
    private static final int NAME_MAX_BYTES = 64;

    private static void names(Spec spec, Set<String> ns) {
        for (String[] n : new String[][] {{"hostname", spec.hostname()}, {"domainname", spec.domainname()}}) {
            if (n[1] != null && n[1].getBytes(java.nio.charset.StandardCharsets.UTF_8).length > NAME_MAX_BYTES) {
                throw new HuskException(n[0] + ": longer than " + NAME_MAX_BYTES + " bytes, the kernel's limit");
            }
        }
        boolean named = (spec.hostname() != null && !spec.hostname().isEmpty())
                || (spec.domainname() != null && !spec.domainname().isEmpty());
        if (named && !ns.contains("uts")) {
            throw new HuskException((spec.hostname() != null ? "hostname" : "domainname")
                    + ": setting it needs a private UTS namespace (add {\"type\": \"uts\"} to linux.namespaces)");
        }
    }

    private static void idMappings(Spec.Linux linux, Set<String> ns, Spec.User user) {
        boolean maps = linux != null && ((linux.uidMappings() != null && !linux.uidMappings().isEmpty())
                || (linux.gidMappings() != null && !linux.gidMappings().isEmpty()));
        if (maps && !ns.contains("user")) {
            throw new HuskException("linux.uidMappings: id mappings need a user namespace in linux.namespaces");
        }
        if (maps) {
            Ids.mappings(linux.uidMappings(), "linux.uidMappings");
            Ids.mappings(linux.gidMappings(), "linux.gidMappings");
        }
        boolean newUserNs = linux != null && linux.namespaces() != null && linux.namespaces().stream()
                .anyMatch(n -> "user".equals(n.type()) && (n.path() == null || n.path().isEmpty()));
        if (newUserNs && (linux.uidMappings() == null || linux.uidMappings().isEmpty()
                || linux.gidMappings() == null || linux.gidMappings().isEmpty())) {
            throw new HuskException("linux.uidMappings: a new user namespace needs both uidMappings and"
                    + " gidMappings (no id would be mapped in it)");
        }
        if (newUserNs && user != null) {
            Ids.mapped(user.uid(), linux.uidMappings(), "process.user.uid", "linux.uidMappings");
            Ids.mapped(user.gid(), linux.gidMappings(), "process.user.gid", "linux.gidMappings");
            List<Long> groups = user.additionalGids() == null ? List.of() : user.additionalGids();
            for (int i = 0; i < groups.size(); i++) {
                Ids.mapped(groups.get(i), linux.gidMappings(), "process.user.additionalGids[" + i + "]",
                        "linux.gidMappings");
            }
        }
    }

    private static void mounts(List<Spec.Mount> mounts) {
        if (mounts == null) {
            return;
        }
        for (int i = 0; i < mounts.size(); i++) {
            Spec.Mount m = mounts.get(i);
            if (m.destination() == null || m.destination().isEmpty()) {
                throw new HuskException("mounts[" + i + "].destination: missing");
            }
            Ids.mappings(m.uidMappings(), "mounts[" + i + "].uidMappings");
            Ids.mappings(m.gidMappings(), "mounts[" + i + "].gidMappings");
        }
    }

    private static void linux(Spec.Linux linux, Set<String> ns) {
        if (linux == null) {
            return;
        }
        if (linux.rootfsPropagation() != null && !linux.rootfsPropagation().isEmpty()
                && io.husk.core.plan.MountOptions.propagation(linux.rootfsPropagation()) == null) {
            throw new HuskException("linux.rootfsPropagation: unknown value \"" + linux.rootfsPropagation() + "\"");
        }
        if (linux.devices() != null) {
            for (int i = 0; i < linux.devices().size(); i++) {
                Spec.Device d = linux.devices().get(i);
                String f = "linux.devices[" + i + "]";
                if (d.path() == null || !d.path().startsWith("/")) {
                    throw new HuskException(f + ".path: must be an absolute path");
                }
                if (!DEVICE_TYPES.contains(d.type())) {
                    throw new HuskException(f + ".type: unknown device type \"" + d.type() + "\"");
                }
                if (!"p".equals(d.type()) && (d.major() == null || d.minor() == null)) {
                    throw new HuskException(f + ": major and minor are required for type " + d.type());
                }
                Ids.id(d.uid(), f + ".uid");
                Ids.id(d.gid(), f + ".gid");
            }
        }
        sysctls(linux.sysctl(), ns);
        SeccompValidator.validate(linux.seccomp());
    }

    /** A sysctl is only safe when a namespace of the container's own covers it; others would change the host. */
    static void sysctls(Map<String, String> sysctl, Set<String> ns) {
        if (sysctl == null) {
            return;
        }
        for (String key : sysctl.keySet()) {
            String k = key.replace('/', '.');
            String field = "linux.sysctl[" + key + "]";
            if (k.isEmpty() || k.startsWith(".") || k.endsWith(".") || k.contains("..")) {
                throw new HuskException(field + ": not a sysctl name");
            }
            if (k.startsWith("net.")) {
                if (!ns.contains("network")) {
                    throw new HuskException(field + ": net.* sysctls need a private network namespace");
                }
            } else if (k.startsWith("fs.mqueue.") || k.startsWith("kernel.msg") || k.startsWith("kernel.sem")
                    || k.startsWith("kernel.shm")) {
                if (!ns.contains("ipc")) {
                    throw new HuskException(field + ": IPC sysctls need a private IPC namespace");
                }
            } else if (k.equals("kernel.hostname") || k.equals("kernel.domainname")) {
                if (!ns.contains("uts")) {
                    throw new HuskException(field + ": needs a private UTS namespace");
                }
            } else {
                throw new HuskException(field + ": no namespace of the container covers this sysctl;"
                        + " setting it would change the host");
            }
        }
    }
}
