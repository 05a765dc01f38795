package io.husk.core.lifecycle;

import io.husk.core.HuskException;
import io.husk.core.plugin.Plugins;
import io.husk.core.state.ContainerState;
import io.husk.core.state.StateStore;
import io.husk.core.state.Status;
import io.husk.spi.cgroup.CgroupException;
import io.husk.spi.cgroup.CgroupManager;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;

/** The lifecycle operations of runc's command line, on containers in one state root. */
@Singleton
public final class Containers {
    private final RuntimeOptions options;
    private final StateStore store;
    private final Plugins plugins;
    private final StatusProbe probe;

    @Inject
    public Containers(RuntimeOptions options, StateStore store, Plugins plugins) {
        this.options = options;
        this.store = store;
        this.plugins = plugins;
        this.probe = new StatusProbe(plugins);
    }

    public int create(CreateRequest req, PrintStream out) {
        return new Creator(options, store, plugins).create(req, out);
    }

    /** Opens the start gate of a created container. */
    public void start(String id) {
        try (StateStore.Lock lock = store.lock(id)) {
            new Starter(store, plugins, probe).start(id, existing(id));
        }
    }

    /** Sends a signal to the init, or with {@code all} to every process in the container's cgroup. */
    public void kill(String id, String signal, boolean all) {
        int sig = Signals.parse(signal);
        ContainerState s = existing(id);
        // --all is for what outlived the init (containerd's shim sends it whenever a container that shares a pid
        // namespace exits): with nothing left it succeeds, as in runc.
        boolean stopped = StatusProbe.stopped(s);
        if (!all && stopped) {
            throw new HuskException("container not running");
        }
        if (all) {
            for (int pid : stopped ? leftovers(s) : pids(s)) {
                Signals.send(pid, sig);
            }
        } else if (!Signals.send(s.pid(), sig)) {
            throw new HuskException("kill container " + id + ": its init (pid " + s.pid() + ") is gone");
        }
        if (sig == Signals.SIGKILL) {
            thawIfFrozen(s, all);
        }
    }

    /**
     * A frozen task takes SIGKILL only when thawed, so a paused container would stay paused with its init stuck.
     * As runc does, thaw it. For the init alone it is asked only when the init has not died at once, so a plain
     * kill loads no cgroup backend.
     */
    private void thawIfFrozen(ContainerState s, boolean all) {
        for (int i = 0; i < 50 && !all && !StatusProbe.stopped(s); i++) {
            try {
                Thread.sleep(0, 200_000); // SIGKILL takes effect within microseconds when nothing holds the task
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!all && StatusProbe.stopped(s)) {
            return;
        }
        Teardown.thaw(cgroup(s));
    }

    /** Removes a stopped container; with force, kills a live one first. */
    public void delete(String id, boolean force) {
        if (!store.exists(id)) {
            if (force) {
                return;
            }
            throw new HuskException("container \"" + id + "\" does not exist");
        }
        try (StateStore.Lock lock = store.lock(id)) {
            ContainerState s = store.read(id);
            if (!force && !StatusProbe.stopped(s)) {
                throw new HuskException("cannot delete container " + id + " that is not stopped: "
                        + probe.status(s, store.dir(id)).label() + " (delete --force kills it first)");
            }
            new Teardown(store, plugins).delete(id, s);
        } catch (HuskException e) {
            if (force && e.getMessage().endsWith("does not exist")) {
                return;
            }
            throw e;
        }
    }

    /** Freezes a running container's cgroup. */
    public void pause(String id) {
        try (StateStore.Lock lock = store.lock(id)) {
            ContainerState s = existing(id);
            Pausing.pause(s, probe.status(s, store.dir(id)), cgroup(s));
        }
    }

    public void resume(String id) {
        try (StateStore.Lock lock = store.lock(id)) {
            ContainerState s = existing(id);
            Pausing.resume(s, probe.status(s, store.dir(id)), cgroup(s));
        }
    }

    /**
     * Writes the given (non-null) resources into a live container's cgroup. {@code document} names the
     * linux.resources document they came from, or is null when they came from runc's flags: refusals name the
     * field as the user gave it.
     */
    public void update(String id, io.husk.spi.cgroup.Resources resources, String document) {
        try (StateStore.Lock lock = store.lock(id)) {
            ContainerState s = existing(id);
            Updates.update(s, probe.status(s, store.dir(id)), cgroup(s), resources, document);
        }
    }

    /** One stats event, or with an interval a stream of them (and OOM events) until the container stops. */
    public void events(String id, java.time.Duration interval, PrintStream out) {
        ContainerState s = existing(id);
        if (interval == null) {
            Events.once(s, probe.status(s, store.dir(id)), cgroup(s), out);
        } else {
            Events.stream(s, () -> probe.status(s, store.dir(id)), cgroup(s), interval, out);
        }
    }

    public static java.time.Duration eventsInterval(String text) {
        return Events.parseInterval(text);
    }

    /** The processes of the container's cgroup: "json" (host pids) or "table" (ps -ef columns). */
    public void ps(String id, String format, PrintStream out) {
        ContainerState s = existing(id);
        ProcessList.print(s, cgroup(s), format, out);
    }

    public void state(String id, PrintStream out) {
        ContainerState s = existing(id);
        Status st = probe.status(s, store.dir(id));
        out.println(StateJson.state(s, st));
    }

    public List<ContainerSummary> list() {
        List<ContainerSummary> out = new ArrayList<>();
        for (String id : store.ids()) {
            try {
                ContainerState s = store.read(id);
                if (s != null) {
                    out.add(new ContainerSummary(s, probe.status(s, store.dir(id))));
                }
            } catch (HuskException e) {
                // removed while we listed
            }
        }
        return out;
    }

    public Status status(String id) {
        return probe.status(existing(id), store.dir(id));
    }

    /** exec: runs another process in this container. */
    public io.husk.core.exec.Executor executor() {
        return new io.husk.core.exec.Executor(store, plugins, probe);
    }

        public ContainerState stateOf(String id) {
        return existing(id);
    }

    public Path stateDir(String id) {
        return store.dir(id);
    }

    private ContainerState existing(String id) {
        ContainerState s = store.read(id);
        if (s == null) {
            throw new HuskException("container \"" + id + "\" is still being created or its create failed;"
                    + " delete --force removes it");
        }
        return s;
    }

    private List<Integer> pids(ContainerState s) {
        try {
            return cgroup(s).pids();
        } catch (CgroupException e) {
            throw new HuskException("list the processes of " + s.id() + ": " + e.getMessage());
        }
    }

    /** What is left in a stopped container's cgroup; nothing when the cgroup is gone too. */
    private List<Integer> leftovers(ContainerState s) {
        try {
            return cgroup(s).pids();
        } catch (CgroupException e) {
            return List.of();
        }
    }

    CgroupManager cgroup(ContainerState s) {
        return plugins.cgroup(s);
    }

    /** One row of {@code list}. */
    public record ContainerSummary(ContainerState state, Status status) {
    }
}
