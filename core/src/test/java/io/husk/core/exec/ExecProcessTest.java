package io.husk.core.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.husk.core.HuskException;
import io.husk.core.config.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecProcessTest {
    @TempDir
    Path rootfs;

    private static Spec.Process config() {
        return new Spec.Process(false, null, new Spec.User(0L, 0L, null, null, null), List.of("sleep", "1"), null,
                List.of("PATH=/bin", "TERM=xterm"), "/", new Spec.Capabilities(List.of("CAP_KILL"),
                List.of("CAP_KILL"), null, List.of("CAP_KILL"), null), null, true, null, null, null, null, null);
    }

    private static ExecRequest req(String processFile, List<String> env, String user, List<String> caps) {
        return new ExecRequest("c", processFile, List.of("sh"), env, null, user, caps, false, null, 0, null);
    }

    @Test
    void envFlagsReplaceInPlaceAndAppend() {
        assertEquals(List.of("PATH=/bin", "TERM=dumb", "FOO=bar"),
                ExecProcess.mergeEnv(List.of("PATH=/bin", "TERM=xterm"), List.of("TERM=dumb", "FOO=bar")));
        assertThrows(HuskException.class, () -> ExecProcess.mergeEnv(List.of(), List.of("NOEQUALS")));
    }

    @Test
    void capAddsToBoundingEffectiveAndPermittedOnlyAndTheRestFollowsTheConfig() {
        Spec.Process p = ExecProcess.build(config(), req(null, List.of(), null, List.of("SYS_ADMIN")), rootfs);
        assertEquals(List.of("CAP_KILL", "CAP_SYS_ADMIN"), p.capabilities().bounding());
        assertEquals(List.of("CAP_KILL", "CAP_SYS_ADMIN"), p.capabilities().effective());
        assertEquals(List.of("CAP_KILL", "CAP_SYS_ADMIN"), p.capabilities().permitted());
        assertNull(p.capabilities().inheritable(), "never inheritable (CVE-2022-29162)");
        assertNull(p.capabilities().ambient(), "not ambient without inheritable");
        assertEquals(List.of("sh"), p.args());
        assertTrue(p.noNewPrivileges());
    }

    @Test
    void capNamesAreTakenInAnyCaseWithOrWithoutThePrefix() {
        Spec.Process p = ExecProcess.build(config(), req(null, List.of(), null, List.of("sys_admin", "cap_net_raw")),
                rootfs);
        assertEquals(List.of("CAP_KILL", "CAP_SYS_ADMIN", "CAP_NET_RAW"), p.capabilities().bounding());
    }

    @Test
    void capIsAmbientOnlyWhenTheInheritableSetHoldsIt() {
        Spec.Process c = config();
        Spec.Process config = new Spec.Process(false, null, c.user(), c.args(), null, c.env(), "/",
                new Spec.Capabilities(List.of("CAP_KILL"), List.of("CAP_KILL"), List.of("CAP_NET_RAW"),
                        List.of("CAP_KILL"), List.of()), null, false, null, null, null, null, null);
        Spec.Process p = ExecProcess.build(config, req(null, List.of(), null, List.of("NET_RAW", "SYS_ADMIN")),
                rootfs);
        assertEquals(List.of("CAP_NET_RAW"), p.capabilities().inheritable());
        assertEquals(List.of("CAP_NET_RAW"), p.capabilities().ambient());
    }

    @Test
    void aProcessFileWithoutSecuritySettingsGetsTheContainers() throws Exception {
        Path f = Files.writeString(rootfs.resolve("p.json"), "{\"args\":[\"id\"],\"user\":{\"uid\":0,\"gid\":0}}");
        Spec.Process p = ExecProcess.build(config(), new ExecRequest("c", f.toString(), List.of(), List.of(), null,
                null, List.of(), false, null, 0, null), rootfs);
        assertEquals(List.of("CAP_KILL"), p.capabilities().bounding(), "not every capability of the caller");
        assertEquals(List.of("CAP_KILL"), p.capabilities().effective());
        assertTrue(p.noNewPrivileges());
        Path own = Files.writeString(rootfs.resolve("own.json"), "{\"args\":[\"id\"],\"user\":{\"uid\":0,"
                + "\"gid\":0},\"noNewPrivileges\":false,\"capabilities\":{\"bounding\":[\"CAP_CHOWN\"]}}");
        Spec.Process q = ExecProcess.build(config(), new ExecRequest("c", own.toString(), List.of(), List.of(),
                null, null, List.of(), false, null, 0, null), rootfs);
        assertEquals(List.of("CAP_CHOWN"), q.capabilities().bounding(), "the file's own set stands");
        assertEquals(Boolean.FALSE, q.noNewPrivileges());
    }

    @Test
    void securityFlagsReplaceTheProcesssValues() {
        ExecRequest.Security sec = new ExecRequest.Security(List.of(10L, 20L), true, "unconfined", "system_u:x");
        Spec.Process c = config();
        Spec.Process config = new Spec.Process(false, null, new Spec.User(0L, 0L, null, List.of(5L), null),
                c.args(), null, c.env(), "/", c.capabilities(), null, false, "other", null, null, null, null);
        Spec.Process p = ExecProcess.build(config, new ExecRequest("c", null, List.of("sh"), List.of(), null, null,
                List.of(), false, null, 0, null, sec, false), rootfs);
        assertEquals(List.of(5L, 10L, 20L), p.user().additionalGids());
        assertTrue(p.noNewPrivileges());
        assertEquals("unconfined", p.apparmorProfile());
        assertEquals("system_u:x", p.selinuxLabel());
        ExecRequest.Security negative = new ExecRequest.Security(List.of(-1L), false, null, null);
        assertThrows(HuskException.class, () -> ExecProcess.build(config, new ExecRequest("c", null, List.of("sh"),
                List.of(), null, null, List.of(), false, null, 0, null, negative, false), rootfs));
    }

    @Test
    void aProcessFileBringsItsOwnEnv() throws Exception {
        Path f = Files.writeString(rootfs.resolve("p.json"),
                "{\"args\":[\"env\"],\"env\":[\"ONLY=1\"],\"cwd\":\"/x\"}");
        Spec.Process p = ExecProcess.build(config(), new ExecRequest("c", f.toString(), List.of(), List.of(), null,
                null, List.of(), false, null, 0, null), rootfs);
        assertEquals(List.of("ONLY=1"), p.env());
        assertEquals("/x", p.cwd());
        assertEquals(List.of("env"), p.args());
    }

    @Test
    void usersResolveByNumberOrNameInTheContainer() throws Exception {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\nalice:x:1000:1001::/h:/bin/sh\n");
        Files.writeString(rootfs.resolve("etc/group"), "staff:x:50:\n");
        assertArrayEquals(new long[] {1000, 1001}, Users.resolve("alice", rootfs));
        assertArrayEquals(new long[] {1000, 50}, Users.resolve("alice:staff", rootfs));
        assertArrayEquals(new long[] {7, 8}, Users.resolve("7:8", rootfs));
        assertArrayEquals(new long[] {7, 0}, Users.resolve("7", rootfs));
        assertThrows(HuskException.class, () -> Users.resolve("bob", rootfs));
        assertThrows(HuskException.class, () -> Users.resolve("alice:nogroup", rootfs));
        assertThrows(HuskException.class, () -> Users.resolve(":1", rootfs));
    }

    @Test
    void aRelativeCwdIsRefused() {
        ExecRequest r = new ExecRequest("c", null, List.of("sh"), List.of(), "tmp", null, List.of(), false, null, 0,
                null);
        assertThrows(HuskException.class, () -> ExecProcess.build(config(), r, rootfs));
    }
}
