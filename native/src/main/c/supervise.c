/*
 * Foreground run and exec: husk's JVM replaces itself with this program once the container's process runs, so
 * no JVM stays resident. It waits for that process (our child: it was cloned with CLONE_PARENT), forwards every
 * catchable signal to it, and with a terminal relays between the caller's terminal and the pty master that the
 * init sent to <console-fd>: the caller's terminal goes raw, window-size changes follow it, and it is restored
 * before we leave. Then it executes the cleanup command with HUSK_EXIT_STATUS set to the process's status
 * (128+n for a signal, as a shell reports it), or exits with that status when there is no cleanup command.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "husk.h"

static volatile pid_t target;
static int wake[2] = {-1, -1}; /* self-pipe: SIGCHLD and SIGWINCH wake the relay loop */

static void on_signal(int sig) {
    int saved = errno;
    if (sig == SIGCHLD || sig == SIGWINCH) {
        char b = (char)sig;
        if (wake[1] >= 0 && write(wake[1], &b, 1) < 0) {
            /* the pipe is full: the loop is awake anyway */
        }
    } else {
        kill(target, sig);
    }
    errno = saved;
}

static void install_handlers(int relay) {
    struct sigaction sa = {.sa_handler = on_signal, .sa_flags = SA_RESTART};
    sigfillset(&sa.sa_mask);
    for (int s = 1; s < NSIG; s++) {
        /* SIGTSTP (Ctrl-Z) and SIGCONT go to the container as runc sends them; the supervisor never stops
         * itself. SIGTTIN/SIGTTOU stay default: caught, a background relay's tty read would raise them again
         * and again. */
        if (s == SIGKILL || s == SIGSTOP || s == SIGTTOU || s == SIGTTIN)
            continue;
        if ((s == SIGCHLD || s == SIGWINCH) && !relay)
            continue;
        sigaction(s, &sa, NULL);
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

static int receive_master(int sock) {
    char name[256], control[CMSG_SPACE(sizeof(int))];
    struct iovec iov = {.iov_base = name, .iov_len = sizeof name};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control,
                         .msg_controllen = sizeof control};
    ssize_t n;
    do
        n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
    while (n < 0 && errno == EINTR);
    struct cmsghdr *cm = n < 0 ? NULL : CMSG_FIRSTHDR(&msg);
    if (!cm || cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS)
        return -1;
    int fd;
    memcpy(&fd, CMSG_DATA(cm), sizeof fd);
    close(sock);
    return fd;
}

static void copy_size(int from, int to) {
    struct winsize ws;
    if (ioctl(from, TIOCGWINSZ, &ws) == 0 && (ws.ws_row || ws.ws_col))
        ioctl(to, TIOCSWINSZ, &ws);
}

/* Copies what one read returns; 0 on EOF or error (EIO from a master whose slave is gone). */
static int pump(int from, int to) {
    char buf[8192];
    ssize_t n = read(from, buf, sizeof buf);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return 1;
    if (n <= 0)
        return 0;
    for (ssize_t off = 0; off < n;) {
        ssize_t w = write(to, buf + off, (size_t)(n - off));
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return 1; /* nobody reads our side: drop it, keep serving the container */
        off += w;
    }
    return 1;
}

/* What the process wrote just before it exited; stops at once when nothing more is buffered. */
static void drain(int master) {
    char buf[8192];
    ssize_t n;
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
    while ((n = read(master, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
        if (n > 0 && write(1, buf, (size_t)n) < 0)
            break;
}

static int reap(int *status) {
    pid_t w = waitpid(target, status, WNOHANG);
    if (w < 0 && errno == ECHILD) {
        *status = 255 << 8;
        return 1;
    }
    return w == target;
}

/* Relays the terminal until the process exits; returns its wait status. */
static int relay(int master) {
    struct termios saved;
    int raw = isatty(0) && tcgetattr(0, &saved) == 0;
    if (raw) {
        struct termios t = saved;
        cfmakeraw(&t);
        tcsetattr(0, TCSANOW, &t);
        copy_size(0, master);
    }
    int status = 0, in_open = 1, out_open = 1;
    while (!reap(&status)) {
        struct pollfd p[3] = {{.fd = wake[0], .events = POLLIN}, {.fd = out_open ? master : -1, .events = POLLIN},
                              {.fd = in_open ? 0 : -1, .events = POLLIN}};
        if (poll(p, 3, -1) < 0)
            continue;
        /*
         * Always, not only when poll saw the wake pipe: a resize signal that woke poll has run its handler by
         * now, but poll may report only the input typed after it, which must reach the new size.
         */
        char b[64];
        ssize_t n = read(wake[0], b, sizeof b);
        for (ssize_t i = 0; raw && i < n; i++)
            if (b[i] == SIGWINCH)
                copy_size(0, master);
        if (p[1].revents && !pump(master, 1))
            out_open = 0;
        if (p[2].revents && !pump(0, master))
            in_open = 0; /* stdin at its end: the container keeps its terminal */
    }
    drain(master);
    if (raw)
        tcsetattr(0, TCSAFLUSH, &saved);
    return status;
}

static int wait_plain(void) {
    int status = 0;
    pid_t w;
    do
        w = waitpid(target, &status, 0);
    while (w < 0 && errno == EINTR);
    return w < 0 ? 255 << 8 : status;
}

int supervise_main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "husk-init: usage: husk-init supervise <pid> <console-fd> [<cleanup command...>]\n");
        return 2;
    }
    /* Run from a memfd, our name would be its fd number; ps and top show this instead. */
    prctl(PR_SET_NAME, "husk-supervise");
    target = (pid_t)atoi(argv[2]);
    int console = atoi(argv[3]), master = -1;
    if (console >= 0) {
        master = receive_master(console); /* EOF: the process has no terminal, plain waiting */
        if (master >= 0 && pipe2(wake, O_CLOEXEC | O_NONBLOCK) < 0)
            master = -1;
    }
    install_handlers(master >= 0);
    int status = master >= 0 ? relay(master) : wait_plain();
    int code = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);

    reset_signals();
    if (argc == 4)
        return code;
    char s[16];
    snprintf(s, sizeof s, "%d", code);
    setenv("HUSK_EXIT_STATUS", s, 1);
    execv(argv[4], argv + 4);
    perror("husk-init: run the cleanup command");
    return code;
}
