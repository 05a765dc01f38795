package io.husk.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.husk.core.HuskException;
import io.husk.core.config.ConfigLoader;
import io.husk.core.config.Spec;
import io.husk.nativeinit.Op;
import io.husk.nativeinit.Step;
import io.husk.spi.rootfs.MountRequest;
import io.husk.spi.rootfs.RootfsLayout;
import io.husk.spi.sync.SyncBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Planning of the config's mounts: deferral of read-only and recursive attributes, cwd, refusals, and a root
 * without a mount namespace.
 */
class MountStepsTest {
    private static Spec spec(String mounts, String extraLinux) {
        String json = """
                {"ociVersion": "1.2.0", "process": {"args": ["sh"], "cwd": "/work/dir"},
                 "root": {"path": "rootfs", "readonly": true},
                 "mounts": [%s],
                 "linux": {"namespaces": [{"type": "mount"}] %s}}""".formatted(mounts, extraLinux);
        return ConfigLoader.parse(json.getBytes(StandardCharsets.UTF_8), "config.json");
    }

    private static MountSteps steps(Spec spec) {
        return new MountSteps(new PlanInput(spec, Path.of("/bundle"), new RootfsLayout(Path.of("/bundle/rootfs"),
                List.of()), List.of(), Map.of("", Path.of("/sys/fs/cgroup/c")), true, null, false, 0, w -> { }));
    }

    private static List<String> plan(Spec spec) {
        MountSteps m = steps(spec);
        List<Step> out = new ArrayList<>();
        m.addConfigMounts(out);
        out.add(Step.of(Op.PIVOT_ROOT, 0));
        m.addAfterPivot(out, List.of());
        return out.stream().map(Step::describe).toList();
    }

    @Test
    void aReadOnlyDevIsMadeReadOnlyAfterPivot() {
        List<String> p = plan(spec("""
                {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["ro", "mode=755"]},
                {"destination": "/dev/pts", "type": "devpts", "source": "devpts", "options": ["newinstance"]}""",
                ""));
        assertTrue(p.get(0).contains("target=/dev ") && p.get(0).contains("flags=0x0 "), p.get(0));
        int pivot = p.indexOf("pivot-root noPivot=0");
        assertTrue(p.indexOf("remount-ro path=/dev") > pivot, p.toString());
    }

    /** The console binds /dev/console: it must come while /dev and the root can still be written to. */
    @Test
    void stepsBeforeReadOnlyPrecedeTheDeferredRemounts() {
        MountSteps m = steps(spec("""
                {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["ro", "mode=755"]}""",
                ""));
        List<Step> out = new ArrayList<>();
        m.addConfigMounts(out);
        m.addAfterPivot(out, List.of(Step.of(Op.CONSOLE, 5, 0, 0, 0, 1)));
        List<String> p = out.stream().map(Step::describe).toList();
        int console = p.indexOf("console socketFd=5 rows=0 cols=0 uid=0 devConsole=1");
        assertTrue(console >= 0 && console < p.indexOf("remount-ro path=/dev"), p.toString());
        assertTrue(console < p.indexOf("remount-ro path=/"), p.toString());
    }

    @Test
    void aLeafReadOnlyMountKeepsItsFlag() {
        List<String> p = plan(spec("""
                {"destination": "/ro", "type": "tmpfs", "source": "tmpfs", "options": ["ro"]}""", ""));
        assertTrue(p.get(0).contains("flags=0x1 "), p.get(0));
    }

    @Test
    void recursiveAttributesFollowTheirMount() {
        List<String> p = plan(spec("""
                {"destination": "/b", "type": "bind", "source": "/tmp", "options": ["rbind", "rro"]}""", ""));
        assertTrue(p.get(1).startsWith("mount-setattr path=/b set=1 clear=0"), p.toString());
    }

    @Test
    void theCwdIsMadeBeforeTheRootTurnsReadOnly() {
        List<String> p = plan(spec("", ""));
        assertTrue(p.indexOf("mkdir path=/work/dir") < p.indexOf("remount-ro path=/"), p.toString());
    }

    @Test
    void aMountWithoutATypeMustBeABind() {
        HuskException e = assertThrows(HuskException.class, () -> plan(spec("""
                {"destination": "/x", "source": "tmpfs"}""", "")));
        assertEquals("mounts[0].type: missing (only a bind mount may leave it out)", e.getMessage());
    }

    private static Spec withNamespaces(String namespaces) {
        return ConfigLoader.parse("""
                {"ociVersion": "1.2.0", "process": {"args": ["sh"], "cwd": "/"}, "root": {"path": "rootfs"},
                 "linux": {"namespaces": [%s]}}""".formatted(namespaces).getBytes(StandardCharsets.UTF_8),
                "config.json");
    }

    /** The whole plan of a container whose root the bind strategy makes from /bundle/rootfs. */
    private static List<String> wholePlan(Spec spec) {
        RootfsLayout layout = new RootfsLayout(Path.of("/bundle/rootfs"), List.of(new MountRequest("/bundle/rootfs",
                "/bundle/rootfs", null, MountRequest.MS_BIND | MountRequest.MS_REC, null)));
        PlanInput in = new PlanInput(spec, Path.of("/bundle"), layout, List.of(), Map.of(), true,
                new SyncBackend.Gate("fifo", Path.of("/run/husk/c1/exec.fifo")), false, 0, w -> { });
        return PlanCompiler.compile(in).steps().stream().map(Step::describe).toList();
    }

    @Test
    void withAMountNamespaceTheHostTreeBecomesASlaveAndTheRootIsPivoted() {
        List<String> p = wholePlan(withNamespaces("{\"type\": \"mount\"}"));
        assertTrue(p.contains("propagation target=/ flags=0x84000"), p.toString());
        assertTrue(p.contains("pivot-root noPivot=0"), p.toString());
        assertTrue(p.stream().noneMatch(s -> s.startsWith("chroot")), p.toString());
    }

    /** Without a mount namespace: the host's / keeps its propagation, only the new root mount turns private. */
    @Test
    void withoutAMountNamespaceTheRootIsChrootedAndTheHostsRootLeftAlone() {
        List<String> p = wholePlan(withNamespaces("{\"type\": \"pid\"}"));
        assertTrue(p.stream().noneMatch(s -> s.startsWith("propagation target=/ ")), p.toString());
        assertTrue(p.stream().noneMatch(s -> s.startsWith("pivot-root")), p.toString());
        int bind = p.indexOf(
                "mount-host source=/bundle/rootfs target=/bundle/rootfs fstype=\"\" flags=0x5000 data=\"\"");
        int priv = p.indexOf("propagation target=/bundle/rootfs flags=0x44000");
        int chroot = p.indexOf("chroot path=\"\"");
        assertTrue(bind >= 0 && bind < priv && priv < p.indexOf("rootfs path=/bundle/rootfs"), p.toString());
        assertTrue(chroot > priv && chroot < p.indexOf("ready keepControl=0"), p.toString());
    }

    @Test
    void aUserNamespaceNeedsAMountNamespace() {
        Spec s = withNamespaces("{\"type\": \"user\"}");
        HuskException e = assertThrows(HuskException.class, () -> steps(s).addRootfs(new ArrayList<>()));
        assertEquals("linux.namespaces: a user namespace needs a mount namespace beside it", e.getMessage());
    }

    @Test
    void withoutAMountNamespaceTheRootCannotBeTheHostsRoot() {
        PlanInput in = new PlanInput(withNamespaces(""), Path.of("/"), new RootfsLayout(Path.of("/"), List.of()),
                List.of(), Map.of(), true, null, false, 0, w -> { });
        HuskException e = assertThrows(HuskException.class, () -> new MountSteps(in).addRootfs(new ArrayList<>()));
        assertTrue(e.getMessage().startsWith("root.path:"), e.getMessage());
    }
}
