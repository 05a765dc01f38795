/*
 * The container's terminal. The pty pair is made by the init from the container's own /dev/ptmx after
 * pivot_root, so the slave lives in the container's devpts instance (its /dev/pts shows it, its uid owns it).
 * The master goes to the caller's console socket with SCM_RIGHTS, as containerd, podman and husk's own
 * foreground supervisor expect; the slave becomes the init's stdio and controlling terminal.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include "husk.h"

#ifndef TIOCGPTPEER
#define TIOCGPTPEER _IO('T', 0x41)
#endif

/* One sendmsg: the pty's name as data (runc's convention; receivers may ignore it) and the master as rights. */
static int send_master(int sock, int master, const char *name) {
    char control[CMSG_SPACE(sizeof(int))];
    memset(control, 0, sizeof control);
    struct iovec iov = {.iov_base = (void *)name, .iov_len = strlen(name)};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control,
                         .msg_controllen = sizeof control};
    struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    cm->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cm), &master, sizeof(int));
    ssize_t n;
    do
        n = sendmsg(sock, &msg, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    return n < 0 ? -1 : 0;
}

static int open_slave(int master, const char *name) {
    int fd = ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) /* kernels before 4.13: by name, in our own devpts */
        fd = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    return fd;
}

/*
 * The runtime-spec's /dev/console: a bind of the slave, so programs that open the console (getty, systemd,
 * some logging) reach the container's terminal and never the host's. A missing /dev/console is made as an
 * empty file to bind onto (a /dev the config did not mount is written in the rootfs, as other runtimes do).
 * The source is the slave's own descriptor, which names the pty whatever /dev/pts holds; like the other
 * steps after pivot_root, it reaches the mount through the container's /proc.
 */
static void bind_dev_console(ctx_t *c, int slave, const char *name) {
    char src[64];
    fd_path(slave, src, sizeof src);
    bind_file_in_root(c, src, name, "/dev/console");
}

/*
 * args: console socket fd, rows, cols (0 keeps the kernel's), uid that owns the slave (-1 keeps root), and
 * whether the slave is bound on /dev/console (the container's init; an exec leaves it alone).
 */
void op_console(ctx_t *c, const record_t *r) {
    int sock = (int)arg_i(c, r, 0);
    int64_t rows = arg_i(c, r, 1), cols = arg_i(c, r, 2), uid = arg_i(c, r, 3), dev_console = arg_i(c, r, 4);
    int master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0)
        fail(c, errno, "/dev/ptmx", "open the container's /dev/ptmx");
    int unlock = 0, n;
    if (ioctl(master, TIOCSPTLCK, &unlock) < 0 || ioctl(master, TIOCGPTN, &n) < 0)
        fail(c, errno, "/dev/ptmx", "unlock the new pty");
    char name[64];
    snprintf(name, sizeof name, "/dev/pts/%d", n);
    int slave = open_slave(master, name);
    if (slave < 0)
        fail(c, errno, name, "open the pty slave %s", name);
    struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
    /* No consoleSize: a foreground run's stdin is still the caller's terminal; start with its size. */
    if (rows <= 0 && cols <= 0 && (!isatty(0) || ioctl(0, TIOCGWINSZ, &ws) < 0))
        ws.ws_row = ws.ws_col = 0;
    if ((ws.ws_row || ws.ws_col) && ioctl(master, TIOCSWINSZ, &ws) < 0)
        fail(c, errno, name, "set the console size");
    if (uid >= 0 && fchown(slave, (uid_t)uid, (gid_t)-1) < 0)
        fail(c, errno, name, "give the pty %s to uid %lld", name, (long long)uid);
    if (dev_console)
        bind_dev_console(c, slave, name);
    if (send_master(sock, master, name) < 0)
        fail(c, errno, NULL, "send the pty master to the console socket");
    close(master);
    close(sock);
    /* The init became a session leader at OP_SETSID; the slave is the first terminal it opens. */
    if (ioctl(slave, TIOCSCTTY, 0) < 0)
        fail(c, errno, name, "make %s the controlling terminal", name);
    for (int fd = 0; fd < 3; fd++)
        if (dup2(slave, fd) < 0)
            fail(c, errno, name, "make %s the standard stream %d", name, fd);
    if (slave > 2)
        close(slave);
}
