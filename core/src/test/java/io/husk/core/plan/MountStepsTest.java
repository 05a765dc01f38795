package io.husk.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.husk.core.HuskException;
import io.husk.core.config.ConfigLoader;
import io.husk.core.config.Spec;
import io.husk.nativeinit.Op;
import io.husk.nativeinit.Step;
import io.husk.spi.rootfs.RootfsLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Planning of the config's mounts: deferral of read-only and recursive attributes, cwd, refusals. */
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
        m.addAfterPivot(out);
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

    @Test
    void aRootfsNeedsAMountNamespace() {
        Spec s = ConfigLoader.parse("""
                {"ociVersion": "1.2.0", "process": {"args": ["sh"], "cwd": "/"}, "root": {"path": "rootfs"},
                 "linux": {"namespaces": [{"type": "pid"}]}}""".getBytes(StandardCharsets.UTF_8), "config.json");
        HuskException e = assertThrows(HuskException.class, () -> steps(s).addRootfs(new ArrayList<>()));
        assertTrue(e.getMessage().startsWith("linux.namespaces:"), e.getMessage());
    }
}
