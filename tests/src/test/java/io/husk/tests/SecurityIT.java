package io.husk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Process attributes read back inside the container: identity, HOME, umask, oom score, scheduling, LSMs. */
class SecurityIT extends ContainerFixture {
    @Override
    protected String idPrefix() {
        return "sec";
    }

    private String run(String script) throws Exception {
        bundle.args("sh", "-c", script).write();
        HuskRunner.Result r = husk.run("run", "--bundle", bundle.dir().toString(), id);
        assertEquals(0, r.exit(), r.err());
        return r.out();
    }

    private void assertRefused(String expected) throws Exception {
        bundle.write();
        HuskRunner.Result r = husk.run("create", "--bundle", bundle.dir().toString(), id);
        assertNotEquals(0, r.exit(), "create must fail");
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(expected), expected + ": " + r.err());
        assertEquals(List.of(), Traces.of(id, root, bundle.dir()));
    }

    @Test
    void userGroupsUmaskAndOomScore() throws Exception {
        ObjectNode user = bundle.process().with("user").put("uid", 1000).put("gid", 1001).put("umask", 027);
        user.putArray("additionalGids").add(2000).add(3000);
        bundle.process().put("oomScoreAdj", 345);
        String out = run("grep -E '^(Uid|Gid|Groups):' /proc/$$/status; umask; cat /proc/$$/oom_score_adj");
        assertTrue(out.contains("Uid:\t1000\t1000\t1000\t1000"), out);
        assertTrue(out.contains("Gid:\t1001\t1001\t1001\t1001"), out);
        assertTrue(out.contains("Groups:\t2000 3000"), out);
        assertTrue(out.contains("0027"), out);
        assertTrue(out.lines().anyMatch(l -> l.equals("345")), out);
    }

    @Test
    void homeComesFromTheContainersPasswd() throws Exception {
        Files.writeString(bundle.rootfs().resolve("etc/passwd"),
                "root:x:0:0:root:/root:/bin/sh\nu:x:1000:1000::/home/u:/bin/sh\n");
        bundle.process().with("user").put("uid", 1000).put("gid", 1000);
        ArrayNode env = bundle.process().putArray("env").add("PATH=/bin").add("HOME=");
        assertTrue(run("echo home=$HOME").contains("home=/home/u\n"));
        husk.run("delete", "--force", id);
        env.removeAll().add("PATH=/bin");
        bundle.process().with("user").put("uid", 4242);
        assertTrue(run("echo home=$HOME").contains("home=/\n"));
        husk.run("delete", "--force", id);
        env.add("HOME=/given");
        assertTrue(run("echo home=$HOME").contains("home=/given\n"));
    }

    @Test
    void schedulerIoPriorityAndPersonality() throws Exception {
        bundle.process().putObject("scheduler").put("policy", "SCHED_BATCH").put("nice", 7);
        bundle.process().putObject("ioPriority").put("class", "IOPRIO_CLASS_BE").put("priority", 6);
        bundle.linux().putObject("personality").put("domain", "LINUX32");
        String out = run("cat /proc/$$/stat; echo; ionice -p $$; uname -m");
        String stat = out.lines().findFirst().orElseThrow();
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        assertEquals("7", f[19 - 3], "nice: " + stat);
        assertEquals("3", f[41 - 3], "policy SCHED_BATCH: " + stat);
        assertTrue(out.contains("best-effort: prio 6"), out);
        assertTrue(out.contains("i686"), out);
    }

    @Test
    void badSchedulingIsRefused() throws Exception {
        bundle.process().putObject("scheduler").put("policy", "SCHED_FAST");
        assertRefused("process.scheduler.policy");
        bundle.process().putObject("scheduler").put("policy", "SCHED_FIFO").put("priority", 0);
        assertRefused("process.scheduler.priority");
        bundle.process().remove("scheduler");
        bundle.process().putObject("ioPriority").put("class", "IOPRIO_CLASS_BE").put("priority", 9);
        assertRefused("process.ioPriority.priority");
        bundle.process().remove("ioPriority");
        bundle.linux().putObject("personality").put("domain", "LINUX64");
        assertRefused("linux.personality.domain");
    }

    /** This host has neither AppArmor nor SELinux: a demanded profile is refused, a mount label ignored. */
    @Test
    void lsmProfilesWithoutTheLsm() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of("/sys/kernel/security/apparmor")));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of("/sys/fs/selinux/enforce")));
        bundle.process().put("apparmorProfile", "docker-default");
        assertRefused("process.apparmorProfile");
        bundle.process().remove("apparmorProfile");
        bundle.process().put("selinuxLabel", "system_u:system_r:container_t:s0");
        assertRefused("process.selinuxLabel");
        bundle.process().remove("selinuxLabel");
        bundle.linux().put("mountLabel", "system_u:object_r:container_file_t:s0");
        assertTrue(run("echo started").contains("started"));
    }
}
