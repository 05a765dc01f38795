/*
 * The notify listener of a seccomp filter (OCI linux.seccomp.listenerPath).
 *
 * The socket lives on the host, so husk-init connects to it while host paths still resolve (before
 * pivot_root, OP_SECCOMP_LISTENER). When OP_SECCOMP loads a filter with SECCOMP_FILTER_FLAG_NEW_LISTENER the
 * kernel returns the notify fd in this process; it is sent over that connection with SCM_RIGHTS in one
 * message together with the container process state JSON, and then closed here. Sending from the helper
 * rather than through husk works whether the filter is loaded during create or after the start gate, when
 * husk has exited long ago.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "husk.h"

/* The marker husk puts where the init's host pid belongs; only OP_CLONE's parent knows that pid. */
#define PID_MARKER "@PID@"

/* args: path of the listener's unix socket. */
void op_seccomp_listener(ctx_t *c, const record_t *r) {
    const char *path = arg_s(c, r, 0);
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof sa.sun_path)
        fail(c, ENAMETOOLONG, path, "seccomp listener socket %s", path);
    strcpy(sa.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        fail(c, errno, path, "connect to the seccomp listener %s", path);
    c->listenerfd = fd;
}

/* The state with every PID_MARKER replaced by the host pid; the caller frees it. */
static char *with_pid(const char *state, pid_t pid) {
    char num[16];
    int nlen = snprintf(num, sizeof num, "%d", (int)pid);
    size_t mlen = strlen(PID_MARKER), count = 0;
    for (const char *p = strstr(state, PID_MARKER); p; p = strstr(p + mlen, PID_MARKER))
        count++;
    char *out = malloc(strlen(state) + count * (size_t)nlen + 1), *o = out;
    if (!out)
        return NULL;
    for (const char *p = state, *m; *p; p = m + mlen) {
        m = strstr(p, PID_MARKER);
        size_t n = m ? (size_t)(m - p) : strlen(p);
        memcpy(o, p, n);
        o += n;
        if (!m)
            break;
        memcpy(o, num, (size_t)nlen);
        o += nlen;
    }
    *o = '\0';
    return out;
}

void seccomp_send_listener(ctx_t *c, int notify_fd, const char *state) {
    if (c->listenerfd < 0)
        fail(c, EPROTO, NULL, "protocol: a notify filter without a listener connection");
    char *json = with_pid(state, c->host_pid);
    if (!json)
        fail(c, ENOMEM, NULL, "seccomp listener state");
    char control[CMSG_SPACE(sizeof(int))];
    memset(control, 0, sizeof control);
    struct iovec iov = {.iov_base = json, .iov_len = strlen(json)};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control,
                         .msg_controllen = sizeof control};
    struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    cm->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cm), &notify_fd, sizeof(int));
    ssize_t n;
    do
        n = sendmsg(c->listenerfd, &msg, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        fail(c, errno, NULL, "send the seccomp notify fd to the listener");
    free(json);
    close(notify_fd);
    close(c->listenerfd);
    c->listenerfd = -1;
}
