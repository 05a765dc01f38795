/* Steps of the helper's first process, still on the host: cgroup, namespaces to join, the clone. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "husk.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

static int write_file(const char *path, const char *data) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t len = strlen(data);
    ssize_t n = write(fd, data, len);
    int err = errno;
    close(fd);
    errno = err;
    return n == (ssize_t)len ? 0 : -1;
}

/* Joins before any namespace is created, so a new cgroup namespace is rooted at the container's cgroup. */
void op_cgroup_join(ctx_t *c, const record_t *r) {
    const char *procs = arg_s(c, r, 0);
    if (write_file(procs, "0") < 0)
        fail(c, errno, procs, "join cgroup %s", procs);
}

/* Written while still dumpable and privileged on the host. */
void op_oom_score_adj(ctx_t *c, const record_t *r) {
    char v[32];
    snprintf(v, sizeof v, "%lld", (long long)arg_i(c, r, 0));
    if (write_file("/proc/self/oom_score_adj", v) < 0)
        fail(c, errno, "/proc/self/oom_score_adj", "set oom_score_adj to %s", v);
}

void op_setns(ctx_t *c, const record_t *r) {
    const char *path = arg_s(c, r, 0);
    int type = (int)arg_i(c, r, 1);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        fail(c, errno, path, "open namespace %s", path);
    if (setns(fd, type) < 0)
        fail(c, errno, path, "join namespace %s", path);
    close(fd);
    /* In a joined user namespace become its root, as a new one does; EINVAL: its map has no uid 0. */
    if (type == CLONE_NEWUSER && (setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0) && errno != EINVAL)
        fail(c, errno, path, "become root in the user namespace %s", path);
}

/* A time namespace only applies to children, and its offsets must be set before any process enters it. */
void op_timens(ctx_t *c, const record_t *r) {
    const char *offsets = arg_s(c, r, 0);
    if (unshare(CLONE_NEWTIME) < 0)
        fail(c, errno, NULL, "create time namespace");
    if (*offsets && write_file("/proc/self/timens_offsets", offsets) < 0)
        fail(c, errno, "/proc/self/timens_offsets", "write time namespace offsets");
}

static void write_id_maps(ctx_t *c, pid_t pid, const record_t *r) {
    char path[64];
    const char *uid_map = arg_s(c, r, 1), *gid_map = arg_s(c, r, 2);
    if (!arg_i(c, r, 3)) {
        snprintf(path, sizeof path, "/proc/%d/setgroups", pid);
        if (write_file(path, "deny") < 0)
            fail(c, errno, path, "write %s", path);
    }
    snprintf(path, sizeof path, "/proc/%d/uid_map", pid);
    if (*uid_map && write_file(path, uid_map) < 0)
        fail(c, errno, path, "write uid mappings");
    snprintf(path, sizeof path, "/proc/%d/gid_map", pid);
    if (*gid_map && write_file(path, gid_map) < 0)
        fail(c, errno, path, "write gid mappings");
}

/*
 * Creates the container's init with every new namespace at once. CLONE_PARENT makes it husk's child, not
 * ours, so a foreground run can wait for it after husk becomes the supervisor, and so it is reparented to
 * the caller's subreaper (containerd-shim, conmon) when husk exits. The child waits on a pipe until the
 * id maps of a new user namespace are written; then it carries on with the rest of the plan.
 */
void op_clone(ctx_t *c, const record_t *r) {
    unsigned long flags = (unsigned long)arg_i(c, r, 0);
    int go[2];
    if (pipe2(go, O_CLOEXEC) < 0)
        fail(c, errno, NULL, "pipe");
    pid_t pid = (pid_t)syscall(SYS_clone, flags | CLONE_PARENT | SIGCHLD, 0, NULL, NULL, 0);
    if (pid < 0)
        fail(c, errno, NULL, "clone into new namespaces (flags 0x%lx)", flags);
    if (pid == 0) {
        close(go[1]);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        /* The go signal is our pid as the host sees it (getpid() says 1 in a new pid namespace). */
        if (read(go[0], &c->host_pid, sizeof c->host_pid) != sizeof c->host_pid)
            _exit(1);
        close(go[0]);
        if ((flags & CLONE_NEWUSER) && (setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0))
            fail(c, errno, NULL, "become root in the user namespace");
        return;
    }
    close(go[0]);
    if (flags & CLONE_NEWUSER)
        write_id_maps(c, pid, r);
    if (wire_send(c->ctl, MSG_PID, "i", (int64_t)pid) < 0 || write(go[1], &pid, sizeof pid) != sizeof pid) {
        kill(pid, SIGKILL);
        _exit(1);
    }
    _exit(0);
}
