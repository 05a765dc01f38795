/* The end of the plan: hooks run by husk, the READY report, the create/start gate and the execve. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include "husk.h"

/* args: phase. husk runs the hooks of that phase in the runtime namespaces and answers DONE [ok]. */
void op_hooks(ctx_t *c, const record_t *r) {
    int64_t phase = arg_i(c, r, 0);
    if (wire_send(c->ctl, MSG_HOOK_REQUEST, "i", phase) < 0)
        fail(c, errno, NULL, "ask husk to run hooks");
    char *buf;
    uint32_t len, off = 0;
    record_t reply;
    if (wire_read_frame(c->ctl, &buf, &len) < 0 || wire_parse_record(buf, len, &off, &reply) < 0 ||
        reply.code != MSG_HOOK_DONE)
        _exit(1);
    if (!arg_i(c, &reply, 0))
        _exit(1); /* husk reports the failing hook itself */
    free(buf);
}

/*
 * args: keepControl. Everything is set up: tell husk, then cut every tie to it, since husk exits after create.
 * exec keeps the control socket, close-on-exec: husk reads its EOF as the execve and an ERROR as its failure.
 */
void op_ready(ctx_t *c, const record_t *r) {
    int keep = (int)arg_i(c, r, 0);
    if (wire_send(c->ctl, MSG_READY, "") < 0)
        _exit(1);
    prctl(PR_SET_PDEATHSIG, 0);
    if (keep && fcntl(c->ctl, F_SETFD, FD_CLOEXEC) < 0)
        keep = 0;
    if (!keep) {
        close(c->ctl);
        c->ctl = -1;
    }
    if (c->logfd >= 0)
        close(c->logfd);
    c->logfd = -1;
}

/*
 * Between the gate and the execve husk is gone and the init's stderr belongs to the payload; a failure there
 * (a startContainer hook, the exec) is also written to start.err next to the gate, where husk start reads it.
 */
static void open_error_file(ctx_t *c, const char *gate) {
    char path[4096];
    const char *slash = strrchr(gate, '/');
    int dir_len = slash ? (int)(slash - gate) : 0;
    snprintf(path, sizeof path, "%.*s/start.err", dir_len, gate);
    c->errfd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (c->errfd < 0)
        fail(c, errno, path, "create %s", path);
}

/*
 * args: kind ("fifo" or "socket"), host path. Opened while the host's state directory is still reachable.
 * A fifo is opened read-write: the open never blocks, a read waits for the byte husk start writes, and a
 * start against a dead init finds no reader.
 */
void op_gate_open(ctx_t *c, const record_t *r) {
    const char *kind = arg_s(c, r, 0), *path = arg_s(c, r, 1);
    open_error_file(c, path);
    if (strcmp(kind, "fifo") == 0) {
        c->gatefd = open(path, O_RDWR | O_CLOEXEC);
        if (c->gatefd < 0)
            fail(c, errno, path, "open the start gate %s", path);
        return;
    }
    if (strcmp(kind, "socket") != 0)
        fail(c, EINVAL, path, "unknown gate kind %s", kind);
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof sa.sun_path)
        fail(c, ENAMETOOLONG, path, "gate socket path %s", path);
    strcpy(sa.sun_path, path);
    c->gatefd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (c->gatefd < 0 || bind(c->gatefd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(c->gatefd, 1) < 0)
        fail(c, errno, path, "listen on the start gate %s", path);
}

void op_gate_wait(ctx_t *c, const record_t *r) {
    if (c->gatefd < 0)
        fail(c, EPROTO, NULL, "protocol: gate wait without a gate");
    int fd = c->gatefd;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode)) {
        do
            fd = accept4(c->gatefd, NULL, NULL, SOCK_CLOEXEC);
        while (fd < 0 && errno == EINTR);
        if (fd < 0)
            fail(c, errno, NULL, "wait at the start gate");
    }
    char b;
    ssize_t n;
    do
        n = read(fd, &b, 1);
    while (n < 0 && errno == EINTR);
    if (n != 1)
        fail(c, n < 0 ? errno : EPIPE, NULL, "wait at the start gate");
    if (fd != c->gatefd)
        close(fd);
    close(c->gatefd);
    c->gatefd = -1;
}

/* 0 when execve could run the file, else the errno it would fail with: a directory, like any file that is not
 * regular, is EACCES, as execve(2) says (and as engines expect: podman and Docker map it to exit 126). */
static int exec_errno(const char *path) {
    struct stat st;
    if (stat(path, &st) != 0)
        return errno;
    if (!S_ISREG(st.st_mode))
        return EACCES;
    return access(path, X_OK) == 0 ? 0 : errno;
}

/* args: argv[0], the container's PATH. Resolved after pivot_root, before READY, so create reports it. */
void op_exec_check(ctx_t *c, const record_t *r) {
    const char *arg0 = arg_s(c, r, 0), *path = arg_s(c, r, 1);
    if (strchr(arg0, '/')) {
        int err = exec_errno(arg0);
        if (err)
            fail(c, err, arg0, "exec %s", arg0);
        snprintf(c->exe, sizeof c->exe, "%s", arg0);
        return;
    }
    char *dirs = strdup(path); /* any length: a PATH is not bounded by PATH_MAX */
    if (!dirs)
        fail(c, ENOMEM, arg0, "exec %s", arg0);
    /* strsep, not strtok: an empty entry ("::", or one at either end) is the current directory, as for execvp */
    for (char *rest = dirs, *d = strsep(&rest, ":"); d; d = strsep(&rest, ":")) {
        int n = snprintf(c->exe, sizeof c->exe, "%s/%s", *d ? d : ".", arg0);
        if (n < (int)sizeof c->exe && exec_errno(c->exe) == 0) {
            free(dirs);
            return;
        }
    }
    free(dirs);
    c->exe[0] = '\0';
    fail(c, 0, arg0, "exec %s: executable file not found in $PATH", arg0);
}

/*
 * Closes every fd husk did not pass, except start.err and exec's control socket: both are close-on-exec, so they
 * stay open only when the execve fails (seccomp denies it, a script's interpreter is missing, a binary is for
 * another architecture...), and then they carry the reason to husk.
 */
static void close_unpassed(ctx_t *c) {
    int keep[2] = {c->errfd < c->ctl ? c->errfd : c->ctl, c->errfd < c->ctl ? c->ctl : c->errfd};
    unsigned first = (unsigned)c->first_extra_fd;
    for (int i = 0; i < 2; i++) {
        if (keep[i] < c->first_extra_fd || (unsigned)keep[i] < first)
            continue;
        if ((unsigned)keep[i] > first)
            syscall(SYS_close_range, first, (unsigned)keep[i] - 1, 0);
        first = (unsigned)keep[i] + 1;
    }
    syscall(SYS_close_range, first, ~0u, 0);
}

/* args: argc, argv..., env.... Closes the fds husk did not pass, restores signals, replaces the image. */
void op_exec(ctx_t *c, const record_t *r) {
    uint32_t argc = (uint32_t)arg_i(c, r, 0);
    if (argc == 0 || 1 + argc > r->argc)
        fail(c, EPROTO, NULL, "protocol: exec without arguments");
    uint32_t envc = r->argc - 1 - argc;
    char **argv = calloc(argc + 1, sizeof(char *)), **envp = calloc(envc + 1, sizeof(char *));
    for (uint32_t i = 0; i < argc; i++)
        argv[i] = (char *)arg_s(c, r, 1 + i);
    for (uint32_t i = 0; i < envc; i++)
        envp[i] = (char *)arg_s(c, r, 1 + argc + i);
    close_unpassed(c);
    reset_signals();
    execve(c->exe[0] ? c->exe : argv[0], argv, envp);
    fail(c, errno, argv[0], "exec %s", argv[0]);
}
