package io.husk.core.plan;

import io.husk.core.config.Spec;
import io.husk.core.seccomp.ListenerState;
import io.husk.core.seccomp.SeccompCompiler;
import io.husk.core.seccomp.SeccompProgram;
import io.husk.nativeinit.Op;
import io.husk.nativeinit.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The process part of a plan: names, sysctls, limits, cwd, identity, capabilities and the final exec. */
final class ProcessSteps {
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final Spec spec;
    private final Spec.Process process;
    private final PlanInput in;
    private final Path rootfs;
    private final Consumer<String> warnings;
    private final List<String> env;
    /** Unknown capability names already warned about: one warning per name, not one per set. */
    private final java.util.Set<String> unknownCaps = new java.util.HashSet<>();

    ProcessSteps(PlanInput in) {
        this.in = in;
        this.spec = in.spec();
        this.process = spec.process();
        this.rootfs = in.rootfs().root();
        this.warnings = in.warnings();
        this.env = environment();
    }

    /** Sysctls, written through the container's own /proc after pivot_root, while /proc/sys is writable. */
    void addSysctls(List<Step> steps) {
        if (spec.linux() != null && spec.linux().sysctl() != null) {
            spec.linux().sysctl().forEach((k, v) -> steps.add(Step.of(Op.SYSCTL, k, v).from("linux.sysctl[" + k
                    + "]")));
        }
    }

    /** Steps whose failure create must still be able to report. */
    void addBeforeReady(List<Step> steps) {
        if (spec.hostname() != null && !spec.hostname().isEmpty()) {
            steps.add(Step.of(Op.HOSTNAME, spec.hostname()).from("hostname"));
        }
        if (spec.domainname() != null && !spec.domainname().isEmpty()) {
            steps.add(Step.of(Op.DOMAINNAME, spec.domainname()).from("domainname"));
        }
        if (process.rlimits() != null) {
            for (int i = 0; i < process.rlimits().size(); i++) {
                Spec.Rlimit r = process.rlimits().get(i);
                steps.add(Step.of(Op.RLIMIT, Rlimits.resource(r.type()), Rlimits.value(r.soft()),
                        Rlimits.value(r.hard())).from("process.rlimits[" + i + "] (" + r.type() + ")"));
            }
        }
        if (process.user() != null && process.user().umask() != null) {
            steps.add(Step.of(Op.UMASK, process.user().umask()));
        }
        addScheduling(steps);
        addLsmLabels(steps);
        steps.add(Step.of(Op.CHDIR, process.cwd()).from("process.cwd"));
        steps.add(Step.of(Op.EXEC_CHECK, process.args().getFirst(), envValue("PATH", DEFAULT_PATH)));
    }

    /**
     * Identity, capabilities, no_new_privs and seccomp, after the gate. A filter is loaded as late as possible
     * (so it cannot break husk's own steps): last, after no_new_privs, when that is set; otherwise before the
     * uid changes and capabilities are dropped, because loading it without no_new_privs needs CAP_SYS_ADMIN
     * (setresuid to a non-zero uid clears the effective set even with keepcaps).
     */
    void addPrivileges(List<Step> steps) {
        boolean nnp = Boolean.TRUE.equals(process.noNewPrivileges());
        Spec.Capabilities caps = process.capabilities();
        Spec.User user = process.user();
        long uid = user == null || user.uid() == null ? 0 : user.uid();
        long gid = user == null || user.gid() == null ? 0 : user.gid();
        Step seccomp = seccomp();
        if (caps != null) {
            steps.add(Step.of(Op.CAPS_BOUNDING, mask(caps.bounding(), "bounding")).from("process.capabilities"));
        }
        if (seccomp != null && !nnp) {
            steps.add(seccomp);
        }
        List<Object> args = new ArrayList<>(List.of(uid, gid, caps != null ? 1L : 0L, setgroupsAllowed() ? 1L : 0L));
        if (user != null && user.additionalGids() != null) {
            args.addAll(user.additionalGids());
        }
        steps.add(Step.of(Op.USER, args.toArray()).from("process.user"));
        if (caps != null) {
            long permitted = mask(caps.permitted(), "permitted");
            long inheritable = mask(caps.inheritable(), "inheritable");
            steps.add(Step.of(Op.CAPS, mask(caps.effective(), "effective"), permitted, inheritable,
                    raisableAmbient(caps.ambient(), permitted & inheritable)).from("process.capabilities"));
        }
        if (nnp) {
            steps.add(Step.of(Op.NO_NEW_PRIVS));
            if (seccomp != null) {
                steps.add(seccomp);
            }
        }
    }

    /** The compiled filter, or null without linux.seccomp. Loaded after the start gate: the state says running. */
    private Step seccomp() {
        Spec.Seccomp s = spec.linux() == null ? null : spec.linux().seccomp();
        if (s == null) {
            return null;
        }
        SeccompProgram p = SeccompCompiler.compile(s, warnings);
        String state = !p.listener() ? "" : ListenerState.json(spec.ociVersion(), containerId(), "running",
                in.bundle().toString(), spec.annotations(), s.listenerMetadata());
        return Step.of(Op.SECCOMP, new Step.Raw(p.bpf()), p.flags(), state).from("linux.seccomp");
    }

    /** The container id: the name of its state directory, which holds the start gate. */
    private String containerId() {
        Path gate = in.gate() == null ? null : in.gate().path().getParent();
        return gate == null || gate.getFileName() == null ? "" : gate.getFileName().toString();
    }

    /** Scheduler, I/O priority and personality: set while the init still has every capability. */
    private void addScheduling(List<Step> steps) {
        Spec.Scheduler s = process.scheduler();
        if (s != null) {
            long flags = 0;
            for (String f : s.flags() == null ? List.<String>of() : s.flags()) {
                flags |= Scheduling.flag(f);
            }
            steps.add(Step.of(Op.SCHEDULER, Scheduling.policy(s.policy()), flags, orZero(s.nice()),
                    orZero(s.priority()), orZero(s.runtime()), orZero(s.deadline()), orZero(s.period()))
                    .from("process.scheduler"));
        }
        Spec.IoPriority io = process.ioPriority();
        if (io != null) {
            steps.add(Step.of(Op.IOPRIO, Scheduling.ioClass(io.ioClass()), orZero(io.priority()))
                    .from("process.ioPriority"));
        }
        Spec.Personality pers = spec.linux() == null ? null : spec.linux().personality();
        if (pers != null) {
            steps.add(Step.of(Op.PERSONALITY, Scheduling.domain(pers.domain())).from("linux.personality"));
        }
    }

    /** AppArmor profile and SELinux label of the payload, applied by its execve (Unsupported checked the host). */
    private void addLsmLabels(List<Step> steps) {
        if (process.apparmorProfile() != null && !process.apparmorProfile().isEmpty()) {
            steps.add(Step.of(Op.LSM_EXEC, "apparmor/exec", "exec " + process.apparmorProfile())
                    .from("process.apparmorProfile"));
        }
        if (process.selinuxLabel() != null && !process.selinuxLabel().isEmpty()) {
            steps.add(Step.of(Op.LSM_EXEC, "exec", process.selinuxLabel()).from("process.selinuxLabel"));
        }
    }

    private static long orZero(Number n) {
        return n == null ? 0 : n.longValue();
    }

    Step exec() {
        List<Object> args = new ArrayList<>();
        args.add((long) process.args().size());
        args.addAll(process.args());
        args.addAll(env);
        return Step.of(Op.EXEC, args.toArray());
    }

    /**
     * The kernel raises an ambient capability only when it is permitted and inheritable. runc leaves out the
     * others without a word, and its own "runc spec" template lists ambient capabilities with no inheritable set;
     * husk leaves them out as well, with a warning naming them.
     */
    private long raisableAmbient(List<String> ambient, long permittedAndInheritable) {
        long wanted = mask(ambient, "ambient");
        long dropped = wanted & ~permittedAndInheritable;
        if (dropped != 0) {
            List<String> names = new ArrayList<>();
            for (String n : ambient) {
                long bit = mask(List.of(n), "ambient");
                if ((dropped & bit) != 0) {
                    names.add(n);
                }
            }
            warnings.accept("process.capabilities.ambient: " + String.join(", ", names) + " not in both permitted"
                    + " and inheritable, so the kernel cannot raise it; left out");
        }
        return wanted & permittedAndInheritable;
    }

    private long mask(List<String> names, String set) {
        return Capabilities.mask(names, "process.capabilities." + set,
                n -> {
                    if (unknownCaps.add(n)) {
                        warnings.accept("process.capabilities: unknown capability " + n + " skipped");
                    }
                });
    }

    /** setgroups(2) is refused in a user namespace whose setgroups file says deny; we never write deny. */
    private boolean setgroupsAllowed() {
        return true;
    }

    private List<String> environment() {
        List<String> e = new ArrayList<>(process.env() == null ? List.of() : process.env());
        boolean hasHome = e.stream().anyMatch(s -> s.startsWith("HOME=") && s.length() > 5);
        if (!hasHome) {
            e.removeIf(s -> s.equals("HOME="));
            long uid = process.user() == null || process.user().uid() == null ? 0 : process.user().uid();
            e.add("HOME=" + homeOf(uid));
        }
        return e;
    }

    private String envValue(String key, String fallback) {
        for (String s : env) {
            if (s.startsWith(key + "=")) {
                return s.substring(key.length() + 1);
            }
        }
        return fallback;
    }

    /** The home directory of uid in the container's /etc/passwd, or "/" when it has no entry. */
    private String homeOf(long uid) {
        Path passwd = rootfs.resolve("etc/passwd");
        try {
            if (Files.isSymbolicLink(passwd) || !Files.isRegularFile(passwd, LinkOption.NOFOLLOW_LINKS)) {
                return "/";
            }
            for (String line : Files.readAllLines(passwd)) {
                String[] f = line.split(":", -1);
                if (f.length >= 6 && f[2].equals(Long.toString(uid)) && !f[5].isEmpty()) {
                    return f[5];
                }
            }
        } catch (IOException | RuntimeException e) {
            return "/";
        }
        return "/";
    }
}
