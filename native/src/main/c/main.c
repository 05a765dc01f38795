/*
 * husk-init: executes a plan that husk compiled in Java. husk runs it from a sealed memfd.
 *
 *   husk-init init <ctl-fd> <log-fd> <log-level> <preserved-fds> [<extra-fds>]
 *       reads one plan frame from <ctl-fd> and walks it. Steps up to OP_CLONE run in this first process on the
 *       host side; OP_CLONE creates the container's init (a sibling, child of husk) and this process exits.
 *   husk-init supervise <pid> <console-fd> [<cleanup-command...>]
 *       foreground run or exec: waits for <pid>, forwards signals (or relays the terminal whose master arrives
 *       on <console-fd>, -1 for none), then executes the cleanup command or exits with the status.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "husk.h"

typedef void (*step_fn)(ctx_t *, const record_t *);

static const step_fn steps[OP_TABLE_SIZE] = {
    [OP_CGROUP_JOIN] = op_cgroup_join,   [OP_OOM_SCORE_ADJ] = op_oom_score_adj,
    [OP_SETNS] = op_setns,               [OP_CLONE] = op_clone,
    [OP_PROPAGATION] = op_propagation,   [OP_MOUNT_HOST] = op_mount_host,
    [OP_ROOTFS] = op_rootfs,             [OP_MOUNT] = op_mount,
    [OP_MKNOD] = op_mknod,               [OP_BIND_DEVICE] = op_bind_device,
    [OP_SYMLINK] = op_symlink,           [OP_HOOKS] = op_hooks,
    [OP_PIVOT_ROOT] = op_pivot_root,     [OP_REMOUNT_RO] = op_remount_ro,
    [OP_MASK] = op_mask,                 [OP_READONLY] = op_readonly,
    [OP_HOSTNAME] = op_hostname,         [OP_DOMAINNAME] = op_domainname,
    [OP_SYSCTL] = op_sysctl,             [OP_RLIMIT] = op_rlimit,
    [OP_CHDIR] = op_chdir,               [OP_USER] = op_user,
    [OP_CAPS_BOUNDING] = op_caps_bounding, [OP_CAPS] = op_caps,
    [OP_NO_NEW_PRIVS] = op_no_new_privs, [OP_SECCOMP] = op_seccomp,
    [OP_READY] = op_ready,               [OP_GATE_OPEN] = op_gate_open,
    [OP_GATE_WAIT] = op_gate_wait,       [OP_EXEC_CHECK] = op_exec_check,
    [OP_EXEC] = op_exec,                 [OP_UMASK] = op_umask,
    [OP_PERSONALITY] = op_personality,   [OP_TIMENS] = op_timens,
    [OP_SECCOMP_LISTENER] = op_seccomp_listener, [OP_SCHEDULER] = op_scheduler,
    [OP_IOPRIO] = op_ioprio,             [OP_LSM_EXEC] = op_lsm_exec,
    [OP_SESSION_KEYRING] = op_session_keyring,
    [OP_MOUNT_SETATTR] = op_mount_setattr, [OP_MKDIR] = op_mkdir,
    [OP_MOUNT_IDMAP] = op_mount_idmap,   [OP_IDMAP_TREE] = op_idmap_tree,
    [OP_CHROOT] = op_chroot,
    [OP_CONSOLE] = op_console,           [OP_HOOK_STATE] = op_hook_state,
    [OP_HOOK_EXEC] = op_hook_exec,       [OP_LOOPBACK_UP] = op_loopback_up,
};

static void op_setsid(ctx_t *c, const record_t *r) {
    if (setsid() < 0)
        fail(c, errno, NULL, "setsid");
}

void reset_signals(void) {
    sigset_t all;
    sigemptyset(&all);
    sigprocmask(SIG_SETMASK, &all, NULL);
    /* The raw syscall: glibc's signal() refuses its own reserved signals 32 and 33, so an ignore inherited from
     * the caller (a JVM, conmon...) would survive into the container for them. That also drops glibc's handlers
     * for them in this process, which only a multi-threaded program needs: husk-init has one thread. The action
     * is all zeros (SIG_DFL, no flags, empty mask), so the kernel's struct layout does not matter. */
    struct kernel_sigaction {
        void (*handler)(int);
        unsigned long flags;
        void (*restorer)(void);
        unsigned long mask;
    } dfl = {SIG_DFL, 0, NULL, 0};
    for (int s = 1; s < NSIG; s++)
        if (s != SIGKILL && s != SIGSTOP)
            syscall(SYS_rt_sigaction, s, &dfl, NULL, sizeof dfl.mask);
}

/* Closes every inherited descriptor husk did not mean to pass (the JVM may leak some). */
static void close_strays(ctx_t *c) {
    int keep_hi = c->ctl > c->logfd ? c->ctl : c->logfd;
    for (int fd = c->first_extra_fd; fd <= keep_hi; fd++)
        if (fd != c->ctl && fd != c->logfd)
            close(fd);
    keep_hi += c->extra_fds; /* the extra fds follow the log pipe */
    syscall(SYS_close_range, (unsigned)keep_hi + 1, ~0u, 0);
}

static int run_init(int argc, char **argv) {
    if (argc < 6) {
        fprintf(stderr, "husk-init: usage: husk-init init <ctl> <log> <level> <preserved>\n");
        return 2;
    }
    ctx_t c = {.ctl = atoi(argv[2]), .logfd = atoi(argv[3]), .log_level = atoi(argv[4]),
               .first_extra_fd = 3 + atoi(argv[5]), .rootfd = -1, .gatefd = -1, .listenerfd = -1,
               .errfd = -1, .extra_fds = argc > 6 ? atoi(argv[6]) : 0, .step = -1};
    reset_signals();
    /* Run from a memfd, our name would be its fd number; give ps a recognisable one. */
    prctl(PR_SET_NAME, "husk-init");
    /* Die with husk while it is still setting us up; cleared at READY. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    close_strays(&c);

    char *buf;
    uint32_t len, off = 0;
    record_t head;
    if (wire_read_frame(c.ctl, &buf, &len) < 0)
        fail(&c, errno, NULL, "read plan");
    if (wire_parse_record(buf, len, &off, &head) < 0 || head.code != MSG_PLAN)
        fail(&c, EPROTO, NULL, "protocol: the first frame is not a plan");
    if (arg_i(&c, &head, 0) != HUSK_PROTOCOL_VERSION)
        fail(&c, EPROTO, NULL, "protocol: plan version %lld, this helper speaks %d",
             (long long)arg_i(&c, &head, 0), HUSK_PROTOCOL_VERSION);
    int64_t count = arg_i(&c, &head, 1);
    int nondumpable = 0;
    for (c.step = 0; c.step < count; c.step++) {
        record_t r;
        if (wire_parse_record(buf, len, &off, &r) < 0)
            fail(&c, EPROTO, NULL, "protocol: malformed step %d", c.step);
        c.op = r.code;
        if (r.code == OP_SETSID) {
            op_setsid(&c, &r);
            continue;
        }
        if (r.code >= OP_TABLE_SIZE || !steps[r.code])
            fail(&c, EPROTO, NULL, "protocol: unknown step code %u", r.code);
        /*
         * Non-dumpable from the first step after oom_score_adj until the payload's execve resets it: nothing
         * in the container may ptrace us, read our memory or open our /proc files (the plan, host fds).
         * The flag is inherited by the clone.
         */
        if (!nondumpable && r.code != OP_CGROUP_JOIN && r.code != OP_OOM_SCORE_ADJ) {
            if (prctl(PR_SET_DUMPABLE, 0) < 0)
                fail(&c, errno, NULL, "make the helper non-dumpable");
            nondumpable = 1;
        }
        hlog(&c, 0, "step %d op %u", c.step, r.code);
        steps[r.code](&c, &r);
    }
    fail(&c, EPROTO, NULL, "protocol: the plan ended without an exec");
}

int main(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "supervise") == 0)
        return supervise_main(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "init") == 0)
        return run_init(argc, argv);
    if (argc >= 4 && strcmp(argv[1], "exec-as") == 0) /* a hook husk runs: path, then its own argv */
        return exec_as(argv[2], argv + 3);
    fprintf(stderr, "husk-init: this helper is started by husk, not by hand\n");
    return 2;
}
