/*
 * Hooks the init runs itself, in the container's namespaces: createContainer (before pivot_root) and
 * startContainer (after the start gate, before the privileges are dropped). Each hook is a fork and execve
 * with its own argv and env, the state JSON on stdin and the init's stdout and stderr; a hook that exits
 * without reading its stdin is fine. A non-zero status, a signal or an exceeded timeout fails the step.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "husk.h"

/*
 * Asks husk for the state document, twice over: "creating" for createContainer hooks, "created" for
 * startContainer hooks (runc's statuses). Must run before READY, while the control socket is open.
 */
void op_hook_state(ctx_t *c, const record_t *r) {
    if (wire_send(c->ctl, MSG_STATE_REQUEST, "") < 0)
        fail(c, errno, NULL, "ask husk for the container's state");
    char *buf;
    uint32_t len, off = 0;
    record_t reply;
    if (wire_read_frame(c->ctl, &buf, &len) < 0 || wire_parse_record(buf, len, &off, &reply) < 0 ||
        reply.code != MSG_STATE)
        fail(c, EPROTO, NULL, "protocol: no state from husk");
    c->state = strdup(arg_s(c, &reply, 0));
    c->state_created = strdup(arg_s(c, &reply, 1));
    free(buf);
}

static void feed_state(int fd, const char *state) {
    void (*old)(int) = signal(SIGPIPE, SIG_IGN); /* the hook may exit without reading */
    size_t len = strlen(state), done = 0;
    while (done < len) {
        ssize_t n = write(fd, state + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    close(fd);
    signal(SIGPIPE, old);
}

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits for the hook; returns its wait status, or -1 after killing it when timeout_s (>0) passed. */
static int wait_hook(pid_t pid, int64_t timeout_s) {
    int64_t deadline = timeout_s > 0 ? now_ms() + timeout_s * 1000 : -1;
    int status;
    for (;;) {
        pid_t w = waitpid(pid, &status, deadline < 0 ? 0 : WNOHANG);
        if (w == pid)
            return status;
        if (w < 0 && errno != EINTR)
            return 0x7f00; /* lost it: report as a failure below */
        if (deadline >= 0 && now_ms() >= deadline) {
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                ;
            return -1;
        }
        if (w == 0) {
            struct timespec pause = {.tv_sec = 0, .tv_nsec = 5 * 1000 * 1000};
            nanosleep(&pause, NULL);
        }
    }
}

/* args: phase name, path, timeout in seconds (0 none), argc, argv..., env... */
void op_hook_exec(ctx_t *c, const record_t *r) {
    const char *phase = arg_s(c, r, 0), *path = arg_s(c, r, 1);
    int64_t timeout = arg_i(c, r, 2);
    uint32_t argc = (uint32_t)arg_i(c, r, 3);
    if (4 + argc > r->argc)
        fail(c, EPROTO, NULL, "protocol: %s hook %s: missing arguments", phase, path);
    uint32_t envc = r->argc - 4 - argc;
    char **argv = calloc(argc + 2, sizeof(char *)), **envp = calloc(envc + 1, sizeof(char *));
    for (uint32_t i = 0; i < argc; i++)
        argv[i] = (char *)arg_s(c, r, 4 + i);
    if (argc == 0)
        argv[0] = (char *)path;
    for (uint32_t i = 0; i < envc; i++)
        envp[i] = (char *)arg_s(c, r, 4 + argc + i);
    int in[2];
    if (pipe2(in, O_CLOEXEC) < 0)
        fail(c, errno, NULL, "pipe for the %s hook", phase);
    pid_t pid = fork();
    if (pid < 0)
        fail(c, errno, path, "start the %s hook %s", phase, path);
    if (pid == 0) {
        setpgid(0, 0); /* its own group, so a timeout kills what it started too */
        dup2(in[0], 0);
        syscall(SYS_close_range, 3u, ~0u, 0); /* not the control socket, the log pipe or the gate */
        reset_signals();
        execve(path, argv, envp);
        _exit(127);
    }
    close(in[0]);
    const char *state = strcmp(phase, "startContainer") == 0 ? c->state_created : c->state;
    feed_state(in[1], state ? state : "{}");
    int status = wait_hook(pid, timeout);
    free(argv);
    free(envp);
    if (status < 0)
        fail(c, 0, path, "%s hook %s timed out after %lld s", phase, path, (long long)timeout);
    if (WIFSIGNALED(status))
        fail(c, 0, path, "%s hook %s was killed by signal %d", phase, path, WTERMSIG(status));
    if (WEXITSTATUS(status) != 0)
        fail(c, 0, path, "%s hook %s failed with status %d", phase, path, WEXITSTATUS(status));
}

/* husk-init exec-as PATH ARGV...: how husk runs its own hooks, since the JDK cannot set a program's argv[0]. */
int exec_as(const char *path, char **argv) {
    execv(path, argv);
    dprintf(2, "husk-init: exec %s: %s\n", path, strerror(errno));
    return 127;
}
