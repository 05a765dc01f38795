package io.husk.core.exec;

import io.husk.core.HuskException;
import io.husk.core.config.ConfigLoader;
import io.husk.core.config.ConfigValidator;
import io.husk.core.config.Ids;
import io.husk.core.config.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The process {@code exec} runs: the config's process with the command line's args, env, cwd, user,
 * capabilities and tty, or with {@code --process} that file's process (its env alone, plus HOME, which the
 * plan adds) with the same flags applied on top. What the file leaves out of the process's security
 * (capabilities, noNewPrivileges, rlimits, LSM labels, scheduler, I/O priority) is the container's, as in runc:
 * a file without capabilities must not hand the process every capability of the caller.
 */
final class ExecProcess {
    private ExecProcess() {
    }

    static Spec.Process build(Spec.Process config, ExecRequest req, Path rootfs) {
        Spec.Process base = req.processFile() != null ? inherit(load(req.processFile()), config) : config;
        if (req.processFile() != null) {
            Ids.user(base.user(), "--process " + req.processFile() + ": user");
        }
        List<String> args = req.processFile() != null ? base.args() : req.args();
        if (args == null || args.isEmpty()) {
            throw new HuskException("exec: no command given" + (req.processFile() != null
                    ? " (" + req.processFile() + " has no args)" : ""));
        }
        List<String> env = mergeEnv(base.env(), req.env());
        ConfigValidator.execveStrings("exec: args", args);
        ConfigValidator.execveStrings("exec: env", env);
        String cwd = req.cwd() != null ? req.cwd() : base.cwd() == null ? "/" : base.cwd();
        if (!cwd.startsWith("/")) {
            throw new HuskException("--cwd \"" + cwd + "\": must be an absolute path");
        }
        Spec.User user = base.user();
        if (req.user() != null) {
            long[] ids = Users.resolve(req.user(), rootfs);
            user = new Spec.User(ids[0], ids[1], user == null ? null : user.umask(), null, null);
        }
        ExecRequest.Security sec = req.security();
        user = withGroups(user, sec.additionalGids());
        boolean terminal = req.tty() || (req.processFile() != null && Boolean.TRUE.equals(base.terminal()));
        return new Spec.Process(terminal, base.consoleSize(), user, args, null, env, cwd,
                addCaps(base.capabilities(), req.caps()), base.rlimits(),
                sec.noNewPrivileges() ? Boolean.TRUE : base.noNewPrivileges(),
                or(sec.apparmorProfile(), base.apparmorProfile()), null, base.scheduler(),
                or(sec.processLabel(), base.selinuxLabel()), base.ioPriority());
    }

    /** The process file's own settings, and the container's where the file has none. */
    private static Spec.Process inherit(Spec.Process file, Spec.Process container) {
        if (container == null) {
            return file;
        }
        return new Spec.Process(file.terminal(), file.consoleSize(), file.user(), file.args(), file.commandLine(),
                file.env(), file.cwd(), or(file.capabilities(), container.capabilities()),
                file.rlimits() == null || file.rlimits().isEmpty() ? container.rlimits() : file.rlimits(),
                or(file.noNewPrivileges(), container.noNewPrivileges()),
                orNonEmpty(file.apparmorProfile(), container.apparmorProfile()), null,
                or(file.scheduler(), container.scheduler()),
                orNonEmpty(file.selinuxLabel(), container.selinuxLabel()),
                or(file.ioPriority(), container.ioPriority()));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static String orNonEmpty(String value, String fallback) {
        return value != null && !value.isEmpty() ? value : fallback;
    }

    private static Spec.User withGroups(Spec.User user, List<Long> gids) {
        if (gids.isEmpty()) {
            return user;
        }
        for (Long gid : gids) {
            Ids.id(gid, "--additional-gids " + gid);
        }
        if (user == null) {
            throw new HuskException("--additional-gids: the process has no user to add groups to");
        }
        List<Long> all = new ArrayList<>(user.additionalGids() == null ? List.of() : user.additionalGids());
        all.addAll(gids);
        return new Spec.User(user.uid(), user.gid(), user.umask(), List.copyOf(all), user.username());
    }

    private static Spec.Process load(String file) {
        try {
            byte[] json = Files.readAllBytes(Path.of(file));
            Spec.Process p = ConfigLoader.mapper().readValue(json, Spec.Process.class);
            if (p == null) {
                throw new HuskException("--process " + file + ": not a process object");
            }
            return p;
        } catch (IOException e) {
            throw new HuskException("--process " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** KEY=VALUE pairs in order; a later KEY replaces an earlier one in place. */
    static List<String> mergeEnv(List<String> base, List<String> extra) {
        List<String> out = new ArrayList<>(base == null ? List.of() : base);
        for (String kv : extra) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new HuskException("--env \"" + kv + "\": want KEY=VALUE");
            }
            String key = kv.substring(0, eq + 1);
            int at = -1;
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).startsWith(key)) {
                    at = i;
                }
            }
            if (at >= 0) {
                out.set(at, kv);
            } else {
                out.add(kv);
            }
        }
        return out;
    }

    /**
     * --cap adds a capability to the bounding, effective and permitted sets, as runc does since CVE-2022-29162:
     * never to the inheritable set, and to the ambient set only when the inheritable set already holds it (the
     * kernel raises no ambient capability outside it).
     */
    private static Spec.Capabilities addCaps(Spec.Capabilities c, List<String> caps) {
        if (caps.isEmpty()) {
            return c;
        }
        List<String> add = caps.stream().map(n -> n.toUpperCase(java.util.Locale.ROOT))
                .map(n -> n.startsWith("CAP_") ? n : "CAP_" + n).toList();
        List<String> inheritable = c == null || c.inheritable() == null ? List.of() : c.inheritable();
        List<String> ambient = add.stream().filter(inheritable::contains).toList();
        return new Spec.Capabilities(plus(c == null ? null : c.bounding(), add),
                plus(c == null ? null : c.effective(), add), c == null ? null : c.inheritable(),
                plus(c == null ? null : c.permitted(), add),
                ambient.isEmpty() ? (c == null ? null : c.ambient()) : plus(c == null ? null : c.ambient(), ambient));
    }

    private static List<String> plus(List<String> set, List<String> add) {
        Set<String> out = new LinkedHashSet<>(set == null ? List.of() : set);
        out.addAll(add);
        return List.copyOf(out);
    }
}
