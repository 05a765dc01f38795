package io.husk.core.lifecycle;

import io.husk.core.HuskException;
import io.husk.core.hooks.HookPhase;
import io.husk.core.cgroup.DeviceAllowances;
import io.husk.core.cgroup.ResourcesMapper;
import io.husk.core.config.ConfigLoader;
import io.husk.core.config.ConfigValidator;
import io.husk.core.config.Spec;
import io.husk.core.log.Log;
import io.husk.core.plan.KeyringStep;
import io.husk.core.plan.PlanCompiler;
import io.husk.core.plan.PlanInput;
import io.husk.core.state.ContainerState;
import io.husk.core.state.HostMounts;
import io.husk.core.state.ProcStat;
import io.husk.core.state.StateStore;
import io.husk.nativeinit.Plan;
import io.husk.spi.cgroup.CgroupDriver;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.CgroupManager;
import io.husk.spi.cgroup.Resources;
import io.husk.spi.rootfs.RootfsException;
import io.husk.spi.rootfs.RootfsLayout;
import io.husk.spi.rootfs.RootfsRequest;
import io.husk.spi.rootfs.RootfsStrategy;
import io.husk.spi.sync.SyncBackend;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code create}: validates and plans everything first, then claims the state directory, makes the cgroup,
 * starts husk-init with the plan and waits until the init reports READY at the start gate. Any failure after
 * the claim is undone completely by {@link Teardown}.
 */
public final class Creator {
    private final RuntimeOptions options;
    private final StateStore store;
    private final io.husk.core.plugin.Plugins plugins;

    public Creator(RuntimeOptions options, StateStore store, io.husk.core.plugin.Plugins plugins) {
        this.options = options;
        this.store = store;
        this.plugins = plugins;
    }

    /** What create decided before touching the host. */
    private record Prepared(String id, Path bundle, byte[] config, Spec spec, RootfsStrategy rootfs,
                            RootfsRequest rootfsRequest, SyncBackend sync, CgroupDriver driver, String cgroupsPath,
                            CgroupManager cgroup, Resources resources, Path stateDir) {
        /** The file the errors about the config's fields name. */
        Path configFile() {
            return bundle.resolve(CONFIG);
        }
    }

    private static final String CONFIG = "config.json";

    /** Creates the container; returns its init's host pid. With dryRun, prints the plan and returns 0. */
    public int create(CreateRequest req, PrintStream dryRunOut) {
        Prepared p = prepare(req);
        if (req.dryRun()) {
            dryRunOut.print(compile(p, req, layout(p)).render());
            return 0;
        }
        ContainerState state = initialState(p, req);
        store.createDir(p.id());
        OomCounter.Counts oomBefore = null;
        try {
            store.write(state);
            // Exactly the bytes that were validated: later edits of the bundle have no effect.
            Files.write(p.stateDir().resolve(StateStore.CONFIG), p.config());
            state = planCgroup(p, state);
            store.write(state);
            state = makeCgroup(p, state);
            oomBefore = oomCountsFromNow(p);
            p.rootfs().prepare(p.rootfsRequest());
            p.sync().prepare(p.stateDir());
            Plan plan = compile(p, req, layout(p));
            StepOrigins.write(plan, p.stateDir());
            state = new InitLauncher(store, p.spec(), p.configFile().toString())
                    .launch(plan, state, req.preserveFds(), req.console());
            writePidFile(req.pidFile(), state.pid());
            return state.pid();
        } catch (IOException | CgroupException | RootfsException | RuntimeException e) {
            HuskException oom = e instanceof InitLauncher.InitKilled k ? oomKill(p, k, oomBefore) : null;
            new Teardown(store, plugins).abortCreate(p.id(), state);
            if (oom != null) {
                throw oom;
            }
            if (e instanceof HuskException he) {
                throw he;
            }
            throw new HuskException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    /**
     * An init killed by SIGKILL in a cgroup whose OOM kill counter moved was the kernel's doing: say whose memory
     * ran out, as the kill itself tells nothing. The container's limit is blamed when it was reached, a parent or
     * the host when it was not, neither when that is unknown. Read before the teardown removes the cgroup. Null
     * for any other death.
     */
    private static HuskException oomKill(Prepared p, InitLauncher.InitKilled k, OomCounter.Counts before) {
        OomCounter counter = OomCounter.of(p.cgroup().directories().values());
        OomCounter.Counts after = counter == null ? null : counter.counts();
        if (k.signal != Signals.SIGKILL || before == null || after == null || before.kills() < 0
                || after.kills() <= before.kills()) {
            return null;
        }
        Long limit = p.resources().memory() == null ? null : p.resources().memory().limit();
        String own = limit == null ? "" : " (linux.resources.memory.limit " + limit + " bytes is too low)";
        String why;
        if (before.limitHits() < 0 || after.limitHits() < 0) {
            why = "the memory of its cgroup, a parent cgroup or the host ran out";
        } else if (after.limitHits() > before.limitHits()) {
            why = "the memory cgroup is full" + own;
        } else {
            why = "the memory of a parent cgroup or of the host ran out (the container's own limit was not reached)";
        }
        return new HuskException(k.getMessage() + ": the kernel's OOM killer ended it, " + why, k);
    }

    /** The counts before the init runs; null without a memory controller. */
    private static OomCounter.Counts oomCountsFromNow(Prepared p) {
        OomCounter counter = OomCounter.of(p.cgroup().directories().values());
        return counter == null ? null : counter.start();
    }

    /** Where containers without a linux.cgroupsPath get their cgroup: DEFAULT_PARENT/ID in each hierarchy. */
    static final String DEFAULT_PARENT = "/husk";

    private Prepared prepare(CreateRequest req) {
        String id = StateStore.validateId(req.id());
        if (store.exists(id)) {
            // Said first: with the same id comes the same default cgroup, which would be refused as occupied.
            // The state directory's atomic creation later still settles two creates racing for one id.
            throw new HuskException("container \"" + id + "\" already exists");
        }
        Path bundle = Path.of(req.bundle()).toAbsolutePath().normalize();
        if (!Files.isDirectory(bundle)) {
            throw new HuskException("bundle " + req.bundle() + " is not a directory");
        }
        Path config = bundle.resolve(CONFIG);
        byte[] raw = ConfigLoader.read(config);
        Spec spec = ConfigLoader.parse(raw, config.toString());
        try {
            ConfigValidator.validate(spec, bundle);
            io.husk.core.plan.Unsupported.refuse(spec);
        } catch (HuskException e) {
            // The checks name the field; the file is said here, as the parser's errors say it.
            throw new HuskException(config + ": " + e.getMessage(), e.exitCode());
        }
        Map<String, String> ann = spec.annotations() == null ? Map.of() : spec.annotations();
        RootfsStrategy rootfs = backend(ann, Annotations.ROOTFS, "--rootfs", config,
                () -> plugins.rootfs(Annotations.get(ann, Annotations.ROOTFS, options.defaultRootfs())));
        SyncBackend sync = backend(ann, Annotations.SYNC, "--sync", config,
                () -> plugins.sync(Annotations.get(ann, Annotations.SYNC, options.defaultSync())));
        Path stateDir = store.dir(id);
        RootfsRequest rreq = new RootfsRequest(id, bundle, bundle.resolve(spec.root().path()).normalize(),
                Boolean.TRUE.equals(spec.root().readonly()), stateDir, ann);
        CgroupDriver driver = plugins.cgroupDriver();
        String cgroupsPath = spec.linux() != null && spec.linux().cgroupsPath() != null
                && !spec.linux().cgroupsPath().isEmpty() ? spec.linux().cgroupsPath() : DEFAULT_PARENT + "/" + id;
        CgroupManager cgroup = driver.manager(cgroupsPath);
        Resources resources;
        try {
            resources = DeviceAllowances.apply(
                    ResourcesMapper.map(spec.linux() == null ? null : spec.linux().resources()));
        } catch (IllegalArgumentException e) {
            throw new HuskException(config + ": " + e.getMessage());
        }
        try {
            cgroup.check(resources);
        } catch (CgroupException e) {
            throw new HuskException(config + ": " + e.getMessage()); // it names the linux.resources field
        }
        try {
            refuseOccupied(cgroupsPath, cgroup);
        } catch (CgroupException e) {
            throw new HuskException(e.getMessage());
        }
        return new Prepared(id, bundle, raw, spec, rootfs, rreq, sync, driver, cgroupsPath, cgroup, resources,
                stateDir);
    }

    /**
     * A cgroup that already holds processes is not the container's to take: delete would kill them all (for "/",
     * every process of the host). runc refuses it the same way.
     */
    private static void refuseOccupied(String cgroupsPath, CgroupManager cgroup) throws CgroupException {
        List<Integer> pids = cgroup.pids();
        if (!pids.isEmpty()) {
            throw new HuskException("linux.cgroupsPath " + cgroupsPath + ": the cgroup is not empty (" + pids.size()
                    + " process(es), pid " + pids.get(0) + " among them); a container needs a cgroup of its own");
        }
    }

    private static RootfsLayout layout(Prepared p) {
        try {
            return p.rootfs().layout(p.rootfsRequest());
        } catch (RootfsException e) {
            throw new HuskException(e.getMessage());
        }
    }

    /** The backend an annotation (or else a flag) names; an unknown name is said with where it came from. */
    private static <T> T backend(Map<String, String> ann, String key, String flag, Path config,
                                 java.util.function.Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (HuskException e) {
            String from = Annotations.get(ann, key, null) != null ? config + ": annotations[\"" + key + "\"]" : flag;
            throw new HuskException(from + ": " + e.getMessage(), e.exitCode());
        }
    }

    /** The plan; its checks name the config's fields (mounts[3].source...), and the file is said with them. */
    private static Plan compile(Prepared p, CreateRequest req, RootfsLayout layout) {
        Map<String, Path> dirs = p.cgroup().directories();
        try {
            return PlanCompiler.compile(new PlanInput(p.spec(), p.bundle(), layout, p.cgroup().procsFiles(), dirs,
                    dirs.containsKey(""), p.sync().gate(p.stateDir()), req.noPivot(), req.preserveFds(), Log::warn,
                    req.noNewKeyring() ? null : KeyringStep.name(p.id())));
        } catch (HuskException e) {
            throw new HuskException(p.configFile() + ": " + e.getMessage(), e.exitCode());
        }
    }

    /** As Go's RFC3339Nano writes it (runc's "created"): the fraction without trailing zeros. */
    static String rfc3339Nano(Instant t) {
        String s = t.toString(); // ISO-8601, the fraction in groups of three digits
        int dot = s.indexOf('.');
        if (dot < 0) {
            return s;
        }
        int end = s.length() - 1; // the 'Z'
        int last = end - 1;
        while (last > dot && s.charAt(last) == '0') {
            last--;
        }
        return s.substring(0, last == dot ? dot : last + 1) + "Z";
    }

    /**
     * The bundle as the state reports it: an absolute path exactly as given (engines compare it with theirs), a
     * relative one made absolute as runc does, since later commands run from other directories.
     */
    static String stateBundle(String given) {
        Path p = Path.of(given);
        return p.isAbsolute() ? given : p.toAbsolutePath().normalize().toString();
    }

    private ContainerState initialState(Prepared p, CreateRequest req) {
        Map<String, String> ann = p.spec().annotations() == null ? Map.of() : p.spec().annotations();
        return new ContainerState(p.spec().ociVersion(), p.id(), stateBundle(req.bundle()), 0, 0,
                rfc3339Nano(Instant.now()), ann,
                p.driver().name(), p.cgroupsPath(), List.of(), p.rootfs().name(),
                p.rootfsRequest().rootPath().toString(), p.rootfsRequest().readonly(), p.sync().name(), false,
                Map.of(ContainerState.CGROUP, p.driver().getClass().getName(),
                        ContainerState.ROOTFS, p.rootfs().getClass().getName(),
                        ContainerState.SYNC, p.sync().getClass().getName()),
                laterHooks(p.spec()), hostMounts(p), PlanCompiler.ownsPidNamespace(p.spec()),
                req.noNewKeyring() ? null : KeyringStep.name(p.id()));
    }

    /** The hook phases after create that the config declares, so start and delete know without reading it. */
    private static List<String> laterHooks(Spec spec) {
        List<String> phases = new java.util.ArrayList<>();
        for (HookPhase phase : List.of(HookPhase.POSTSTART, HookPhase.POSTSTOP)) {
            if (!phase.of(spec).isEmpty()) {
                phases.add(phase.specName());
            }
        }
        return phases;
    }

    /**
     * Without a mount namespace the container's mounts go into the host's table under its root: where, and what
     * was mounted there already, is recorded before the first mount so that delete finds them all.
     */
    private static HostMounts hostMounts(Prepared p) {
        return PlanCompiler.inheritsMountNamespace(p.spec()) ? MountTable.before(layout(p).root()) : null;
    }

    /**
     * With husk's default cgroupsPath the parent ({@value #DEFAULT_PARENT} in each hierarchy) is husk's own: it is
     * recorded as made by every container whose own cgroup was made, so whichever container is deleted last removes
     * it (delete keeps a parent while other cgroups live in it). Only beside the leaf: a recorded parent without its
     * leaf would be taken for the container's own cgroup.
     */
    private static List<String> withDefaultParent(Prepared p, java.util.Collection<String> dirs) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        if (p.cgroupsPath().equals(DEFAULT_PARENT + "/" + p.id())) {
            for (Path leaf : p.cgroup().directories().values()) {
                if (dirs.contains(leaf.toString()) && leaf.getParent() != null) {
                    all.add(leaf.getParent().toString());
                }
            }
        }
        all.addAll(dirs);
        return List.copyOf(all);
    }

    /**
     * The directories create is about to make: each hierarchy's missing ancestors and leaf. They are recorded
     * before the mkdirs, so a create killed half way still tells delete what to remove.
     */
    private static ContainerState planCgroup(Prepared p, ContainerState state) {
        java.util.LinkedHashSet<String> planned = new java.util.LinkedHashSet<>();
        for (Path leaf : p.cgroup().directories().values()) {
            java.util.ArrayDeque<String> chain = new java.util.ArrayDeque<>();
            for (Path d = leaf; d != null && !Files.exists(d); d = d.getParent()) {
                chain.push(d.toString());
            }
            planned.addAll(chain);
        }
        return state.withCgroupCreated(withDefaultParent(p, planned));
    }

    private ContainerState makeCgroup(Prepared p, ContainerState state) throws CgroupException {
        List<Path> made = p.cgroup().create();
        state = state.withCgroupCreated(withDefaultParent(p, made.stream().map(Path::toString).toList()));
        store.write(state);
        try {
            p.cgroup().apply(p.resources());
        } catch (CgroupException e) {
            if (e.field() == null) {
                throw e;
            }
            throw new HuskException(p.configFile() + ": " + e.getMessage(), e);
        }
        return state;
    }

    /** The pid file holds only the decimal pid (no newline), written atomically. */
    static void writePidFile(String pidFile, int pid) throws IOException {
        if (pidFile == null || pidFile.isEmpty()) {
            return;
        }
        Path target = Path.of(pidFile).toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".husk-tmp");
        Files.writeString(tmp, Integer.toString(pid));
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static long startTime(int pid) {
        ProcStat st = ProcStat.of(pid);
        return st == null ? 0 : st.startTime();
    }
}
