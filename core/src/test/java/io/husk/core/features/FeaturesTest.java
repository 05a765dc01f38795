package io.husk.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.husk.core.hooks.HookPhase;
import io.husk.core.plan.Capabilities;
import io.husk.core.plan.MountOptions;
import io.husk.core.plan.Namespaces;
import io.husk.core.plugin.Plugins;
import io.husk.core.seccomp.SeccompNames;
import io.husk.spi.cgroup.CgroupDriver;
import io.husk.spi.cgroup.CgroupManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The features document says what husk's own tables say, in the spec's shape. */
class FeaturesTest {
    /** core's class path has no cgroup backend: the document must not claim one. */
    private static final FeaturesDocument DOC = Features.of(new Plugins(Path.of("/nonexistent")), "9.9.9");

    @Test
    void versionsAndHooks() {
        assertEquals("1.0.0", DOC.ociVersionMin());
        assertEquals("1.2.0", DOC.ociVersionMax());
        assertEquals(Arrays.stream(HookPhase.values()).map(HookPhase::specName).toList(), DOC.hooks());
        assertTrue(DOC.hooks().contains("createRuntime"));
        assertEquals("9.9.9", DOC.annotations().get("io.husk.version"));
    }

    /** Each listed option is one parse() handles itself, never filesystem data; and all of those are listed. */
    @Test
    void mountOptionsAreTheOnesParseRecognises() {
        for (String o : DOC.mountOptions()) {
            String type = o.equals(MountOptions.TMPCOPYUP) ? "tmpfs" : "bind";
            assertEquals("", MountOptions.parse(List.of(o), type, "m").data(), o);
        }
        for (String o : List.of("ro", "rbind", "rprivate", "rro", "nosymfollow", "idmap", "ridmap", "tmpcopyup")) {
            assertTrue(DOC.mountOptions().contains(o), o);
        }
        assertFalse(DOC.mountOptions().contains("mode=755"));
        assertEquals(DOC.mountOptions().stream().sorted().distinct().toList(), DOC.mountOptions());
        assertTrue(DOC.linux().mountExtensions().idmap().enabled());
    }

    @Test
    void namespacesAndCapabilitiesAreHusksTables() {
        assertEquals(Namespaces.types().stream().sorted().toList(), DOC.linux().namespaces());
        for (String n : DOC.linux().namespaces()) {
            assertNotNull(Namespaces.flag(n), n);
        }
        assertEquals(Capabilities.all(), DOC.linux().capabilities());
        for (String c : DOC.linux().capabilities()) {
            assertNotNull(Capabilities.bit(c), c);
        }
    }

    /** Every name listed is one the validator accepts; supported flags are known flags. */
    @Test
    void seccompNamesAreAccepted() {
        FeaturesDocument.Seccomp s = DOC.linux().seccomp();
        assertTrue(s.enabled(), "libseccomp is installed on the build machine");
        s.actions().forEach(a -> assertNotNull(SeccompNames.action(a), a));
        s.operators().forEach(o -> assertNotNull(SeccompNames.operator(o), o));
        s.knownFlags().forEach(f -> assertNotNull(SeccompNames.flag(f), f));
        s.archs().forEach(a -> assertNotNull(SeccompNames.arch(a), a));
        assertTrue(s.archs().contains("SCMP_ARCH_X86_64"));
        assertEquals(SeccompNames.flags(), s.knownFlags());
        assertTrue(s.knownFlags().containsAll(s.supportedFlags()));
        assertTrue(s.supportedFlags().contains("SECCOMP_FILTER_FLAG_LOG"), "every supported kernel has it");
        assertNotNull(DOC.annotations().get("io.github.seccomp.libseccomp.version"));
    }

    /** v1 and v2 follow the drivers installed; rdma the controllers they manage. */
    @Test
    void cgroupFollowsTheInstalledDrivers() {
        assertEquals(new FeaturesDocument.Cgroup(false, false, false, false, false), DOC.linux().cgroup());
        assertEquals(new FeaturesDocument.Cgroup(false, true, false, false, true),
                Features.cgroup(List.of(driver("v2", "cpu", "rdma"))));
        assertEquals(new FeaturesDocument.Cgroup(true, true, false, false, false),
                Features.cgroup(List.of(driver("v2", "cpu"), driver("v1", "memory"))));
    }

    /** runc's layout: four spaces, "name": value, members in the spec's order, nothing null. */
    @Test
    void jsonShape() throws Exception {
        String json = FeaturesJson.write(DOC);
        assertTrue(json.startsWith("{\n    \"ociVersionMin\": \"1.0.0\",\n    \"ociVersionMax\": \"1.2.0\",\n"), json);
        assertTrue(json.contains("\n        \"createRuntime\",\n"), json);
        assertFalse(json.contains("null"), json);
        JsonNode root = new ObjectMapper().readTree(json);
        List<String> names = new ArrayList<>();
        root.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("ociVersionMin", "ociVersionMax", "hooks", "mountOptions", "linux", "annotations"),
                names);
        List<String> linux = new ArrayList<>();
        root.get("linux").fieldNames().forEachRemaining(linux::add);
        assertEquals(List.of("namespaces", "capabilities", "cgroup", "seccomp", "apparmor", "selinux", "intelRdt",
                "mountExtensions"), linux);
        assertTrue(root.at("/linux/apparmor/enabled").asBoolean());
        assertTrue(root.at("/linux/selinux/enabled").asBoolean());
        assertFalse(root.at("/linux/intelRdt/enabled").asBoolean());
        assertFalse(root.at("/linux/cgroup/systemd").asBoolean(true));
    }

    private static CgroupDriver driver(String name, String... controllers) {
        return new CgroupDriver() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean usable() {
                return false;
            }

            @Override
            public int priority() {
                return 0;
            }

            @Override
            public Map<String, Boolean> controllers() {
                java.util.Map<String, Boolean> m = new java.util.LinkedHashMap<>();
                for (String c : controllers) {
                    m.put(c, false); // known to the driver, even where this host lacks it
                }
                return m;
            }

            @Override
            public CgroupManager manager(String cgroupsPath) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
