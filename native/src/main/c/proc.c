/* Attributes of the container process: names, sysctls, limits, identity, capabilities, seccomp. */
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "husk.h"

void op_hostname(ctx_t *c, const record_t *r) {
    const char *name = arg_s(c, r, 0);
    if (sethostname(name, strlen(name)) < 0)
        fail(c, errno, NULL, "set hostname %s", name);
}

void op_domainname(ctx_t *c, const record_t *r) {
    const char *name = arg_s(c, r, 0);
    if (setdomainname(name, strlen(name)) < 0)
        fail(c, errno, NULL, "set domainname %s", name);
}

/* args: key (dotted), value. Written through the container's own /proc/sys. */
void op_sysctl(ctx_t *c, const record_t *r) {
    const char *key = arg_s(c, r, 0), *value = arg_s(c, r, 1);
    char path[512];
    int n = snprintf(path, sizeof path, "/proc/sys/%s", key);
    for (int i = 10; i < n; i++)
        if (path[i] == '.')
            path[i] = '/';
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        fail(c, errno, path, "sysctl %s", key);
    if (write(fd, value, strlen(value)) < 0)
        fail(c, errno, path, "sysctl %s=%s", key, value);
    close(fd);
}

/* args: resource, soft, hard (-1 is unlimited). */
void op_rlimit(ctx_t *c, const record_t *r) {
    int res = (int)arg_i(c, r, 0);
    struct rlimit lim = {.rlim_cur = (rlim_t)arg_i(c, r, 1), .rlim_max = (rlim_t)arg_i(c, r, 2)};
    if (setrlimit(res, &lim) < 0)
        fail(c, errno, NULL, "set rlimit %d", res);
}

void op_umask(ctx_t *c, const record_t *r) {
    umask((mode_t)arg_i(c, r, 0));
}

void op_personality(ctx_t *c, const record_t *r) {
    if (personality((unsigned long)arg_i(c, r, 0)) < 0)
        fail(c, errno, NULL, "set personality");
}

/* args: uid, gid, keepcaps, setgroups (0/1), additional gids... */
void op_user(ctx_t *c, const record_t *r) {
    uid_t uid = (uid_t)arg_i(c, r, 0);
    gid_t gid = (gid_t)arg_i(c, r, 1);
    int keepcaps = (int)arg_i(c, r, 2), do_groups = (int)arg_i(c, r, 3);
    size_t n = r->argc - 4;
    gid_t *groups = calloc(n ? n : 1, sizeof(gid_t));
    for (size_t i = 0; i < n; i++)
        groups[i] = (gid_t)arg_i(c, r, (uint32_t)(4 + i));
    if (do_groups && setgroups(n, groups) < 0)
        fail(c, errno, NULL, "set additional groups");
    if (keepcaps && prctl(PR_SET_KEEPCAPS, 1) < 0)
        fail(c, errno, NULL, "keep capabilities across setuid");
    if (setresgid(gid, gid, gid) < 0)
        fail(c, errno, NULL, "set gid %u", gid);
    if (setresuid(uid, uid, uid) < 0)
        fail(c, errno, NULL, "set uid %u", uid);
    free(groups);
}

static int last_cap(void) {
    static int last = -1;
    if (last < 0) {
        FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "re");
        if (!f || fscanf(f, "%d", &last) != 1)
            last = CAP_LAST_CAP;
        if (f)
            fclose(f);
    }
    return last;
}

/* args: bounding mask. Must run while CAP_SETPCAP is still effective, i.e. before the uid changes. */
void op_caps_bounding(ctx_t *c, const record_t *r) {
    uint64_t keep = (uint64_t)arg_i(c, r, 0);
    for (int cap = 0; cap <= last_cap(); cap++)
        if (!(keep & (1ULL << cap)) && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL)
            fail(c, errno, NULL, "drop capability %d from the bounding set", cap);
}

/* args: effective, permitted, inheritable, ambient masks. */
void op_caps(ctx_t *c, const record_t *r) {
    uint64_t eff = (uint64_t)arg_i(c, r, 0), perm = (uint64_t)arg_i(c, r, 1);
    uint64_t inh = (uint64_t)arg_i(c, r, 2), amb = (uint64_t)arg_i(c, r, 3);
    struct __user_cap_header_struct hdr = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct data[2] = {
        {.effective = (uint32_t)eff, .permitted = (uint32_t)perm, .inheritable = (uint32_t)inh},
        {.effective = (uint32_t)(eff >> 32), .permitted = (uint32_t)(perm >> 32),
         .inheritable = (uint32_t)(inh >> 32)}};
    if (syscall(SYS_capset, &hdr, data) < 0)
        fail(c, errno, NULL, "set capabilities");
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
        fail(c, errno, NULL, "clear ambient capabilities");
    for (int cap = 0; cap <= last_cap(); cap++)
        if ((amb & (1ULL << cap)) && prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) < 0)
            fail(c, errno, NULL, "raise ambient capability %d", cap);
    prctl(PR_SET_KEEPCAPS, 0);
}

void op_no_new_privs(ctx_t *c, const record_t *r) {
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
        fail(c, errno, NULL, "set no_new_privs");
}

/*
 * args: BPF program (struct sock_filter array, compiled by husk), seccomp flags, state. The state is the
 * container state JSON for a notify listener ("" without one); with it the filter's notify fd goes there.
 */
void op_seccomp(ctx_t *c, const record_t *r) {
    if (r->argc < 3 || r->args[0].kind != 's')
        fail(c, EPROTO, NULL, "protocol: seccomp wants a program");
    uint32_t len = r->args[0].n - 1;
    unsigned flags = (unsigned)arg_i(c, r, 1);
    const char *state = arg_s(c, r, 2);
    if (len % sizeof(struct sock_filter) || len == 0)
        fail(c, EINVAL, NULL, "seccomp program of %u bytes is not whole instructions", len);
    /* The plan buffer gives no alignment guarantee; the kernel reads instructions from this copy. */
    struct sock_filter *copy = malloc(len);
    if (!copy)
        fail(c, ENOMEM, NULL, "seccomp program");
    memcpy(copy, r->args[0].s, len);
    struct sock_fprog prog = {.len = (unsigned short)(len / sizeof(struct sock_filter)), .filter = copy};
    long fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prog);
    if (fd < 0)
        fail(c, errno, NULL, "load seccomp filter (%u instructions)", prog.len);
    free(copy);
    if (flags & SECCOMP_FILTER_FLAG_NEW_LISTENER)
        seccomp_send_listener(c, (int)fd, state);
}

/* args: policy, flags, nice, priority, runtime, deadline, period (struct sched_attr of sched_setattr(2)). */
void op_scheduler(ctx_t *c, const record_t *r) {
    struct {
        uint32_t size, policy;
        uint64_t flags;
        int32_t nice;
        uint32_t priority;
        uint64_t runtime, deadline, period;
    } attr = {.size = 48, .policy = (uint32_t)arg_i(c, r, 0), .flags = (uint64_t)arg_i(c, r, 1),
              .nice = (int32_t)arg_i(c, r, 2), .priority = (uint32_t)arg_i(c, r, 3),
              .runtime = (uint64_t)arg_i(c, r, 4), .deadline = (uint64_t)arg_i(c, r, 5),
              .period = (uint64_t)arg_i(c, r, 6)};
    if (syscall(SYS_sched_setattr, 0, &attr, 0) < 0)
        fail(c, errno, NULL, "sched_setattr policy %u", attr.policy);
}

/* args: class, priority; ioprio_set(2) for this process, inherited by the payload. */
void op_ioprio(ctx_t *c, const record_t *r) {
    int cls = (int)arg_i(c, r, 0), prio = (int)arg_i(c, r, 1);
    if (syscall(SYS_ioprio_set, 1 /* IOPRIO_WHO_PROCESS */, 0, (cls << 13) | prio) < 0)
        fail(c, errno, NULL, "ioprio_set class %d priority %d", cls, prio);
}

/*
 * args: attribute under /proc/thread-self/attr ("apparmor/exec", "exec"), value. The LSM applies it at the
 * next execve, the payload's: an AppArmor profile ("exec NAME") or an SELinux process label.
 */
void op_lsm_exec(ctx_t *c, const record_t *r) {
    const char *attr = arg_s(c, r, 0), *value = arg_s(c, r, 1);
    char path[128];
    snprintf(path, sizeof path, "/proc/thread-self/attr/%s", attr);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT && strcmp(attr, "apparmor/exec") == 0) {
        /* Kernels before 5.1 have only the shared attribute file. */
        snprintf(path, sizeof path, "/proc/thread-self/attr/exec");
        fd = open(path, O_WRONLY | O_CLOEXEC);
    }
    if (fd < 0)
        fail(c, errno, path, "open %s", path);
    if (write(fd, value, strlen(value)) < 0)
        fail(c, errno, path, "set the exec label %s", value);
    close(fd);
}
