/*
 * Foreground run: husk's JVM replaces itself with this program once the container is started, so no JVM
 * stays resident while the container runs. It forwards every catchable signal to the container's init,
 * waits for it (it is our child: the init was cloned with CLONE_PARENT), and then executes the cleanup
 * command with HUSK_EXIT_STATUS set to the container's status (128+n for a signal, as a shell reports it).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "husk.h"

static volatile pid_t target;

static void forward(int sig) {
    kill(target, sig);
}

int supervise_main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "husk-init: usage: husk-init supervise <pid> <cleanup command...>\n");
        return 2;
    }
    target = (pid_t)atoi(argv[2]);
    struct sigaction sa = {.sa_handler = forward, .sa_flags = SA_RESTART};
    sigfillset(&sa.sa_mask);
    for (int s = 1; s < NSIG; s++)
        if (s != SIGKILL && s != SIGSTOP && s != SIGCHLD && s != SIGCONT)
            sigaction(s, &sa, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);

    int status = 0, code;
    pid_t w;
    do
        w = waitpid(target, &status, 0);
    while (w < 0 && errno == EINTR);
    if (w < 0)
        code = 255;
    else if (WIFSIGNALED(status))
        code = 128 + WTERMSIG(status);
    else
        code = WEXITSTATUS(status);

    reset_signals();
    char s[16];
    snprintf(s, sizeof s, "%d", code);
    setenv("HUSK_EXIT_STATUS", s, 1);
    execv(argv[3], argv + 3);
    perror("husk-init: run the cleanup command");
    return code;
}
