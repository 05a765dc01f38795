/* Shared declarations of husk-init, the helper that executes a plan compiled by husk's Java side. */
#ifndef HUSK_H
#define HUSK_H

#include <stdint.h>
#include <sys/types.h>

#include "protocol.h"

/* One argument of a record: an integer ('i') or a byte string ('s', NUL-terminated on the wire). */
typedef struct {
    char kind;
    int64_t i;
    const char *s;
    uint32_t n;
} arg_t;

typedef struct {
    uint32_t code;
    uint32_t argc;
    arg_t *args;
} record_t;

/* What the executing stage knows while it walks the plan. */
#define MAX_IDMAP_TREES 64

typedef struct {
    int ctl;          /* control socket to husk; -1 once READY was sent */
    int logfd;        /* log pipe to husk; -1 once READY was sent */
    int log_level;    /* 0 debug, 1 info, 2 warn, 3 error */
    int first_extra_fd; /* 3 + preserved fds: every fd from here up is closed before execve */
    int rootfd;       /* O_PATH fd of the container root once OP_ROOTFS ran, else -1 */
    int gatefd;       /* the create/start gate once OP_GATE_OPEN ran, else -1 */
    int listenerfd;   /* socket to the seccomp notify listener once OP_SECCOMP_LISTENER ran, else -1 */
    pid_t host_pid;   /* the init's pid as the host sees it (set by OP_CLONE), for the listener's state */
    int errfd;        /* <state dir>/start.err once OP_GATE_OPEN ran: failures after READY land here too */
    int extra_fds;    /* fds after the log pipe that husk passed for steps (the console socket) */
    char *state;      /* the state JSON ("creating") for createContainer hooks, once OP_HOOK_STATE ran */
    char *state_created; /* the same, "created", for startContainer hooks */
    int step;         /* index of the step being executed, for error reports */
    uint32_t op;
    char exe[4096];   /* argv[0] resolved by OP_EXEC_CHECK */
    int trees[MAX_IDMAP_TREES]; /* detached idmapped mount trees OP_IDMAP_TREE made on the host, in plan order */
    int ntrees;
} ctx_t;

/* wire.c */
int wire_read_frame(int fd, char **buf, uint32_t *len);
int wire_parse_record(const char *buf, uint32_t len, uint32_t *off, record_t *rec);
int wire_send(int fd, uint32_t code, const char *fmt, ...);

/* report.c */
void hlog(ctx_t *c, int level, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void fail(ctx_t *c, int err, const char *path, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 4, 5)));

/* Argument accessors; a missing or mistyped argument is a protocol error and ends the helper. */
int64_t arg_i(ctx_t *c, const record_t *r, uint32_t i);
const char *arg_s(ctx_t *c, const record_t *r, uint32_t i);
const char *arg_opt(ctx_t *c, const record_t *r, uint32_t i); /* "" becomes NULL */

/* host.c: steps run before the clone, in the helper's first process. Returns 1 when the caller is the init. */
void op_cgroup_join(ctx_t *c, const record_t *r);
void op_oom_score_adj(ctx_t *c, const record_t *r);
void op_setns(ctx_t *c, const record_t *r);
void op_timens(ctx_t *c, const record_t *r);
void op_clone(ctx_t *c, const record_t *r);

/* fs.c: mounts and the root filesystem. */
/* What open_in_root makes of missing components (inroot.c): nothing, directories, or a file at the end. */
#define KIND_NONE 0
#define KIND_DIR 1
#define KIND_FILE 2
int open_in_root(ctx_t *c, const char *path, int create_kind);
/* "/proc/self/fd/N": how mount(2) and chmod(2) reach a file the helper holds open (fs.c). */
void fd_path(int fd, char *out, size_t len);
/* Binds source on the file target inside the root, made empty when missing; "what" names source in errors (dev.c). */
void bind_file_in_root(ctx_t *c, const char *source, const char *what, const char *target);
void op_propagation(ctx_t *c, const record_t *r);
void op_mount_host(ctx_t *c, const record_t *r);
void op_rootfs(ctx_t *c, const record_t *r);
void op_mount(ctx_t *c, const record_t *r);
void op_pivot_root(ctx_t *c, const record_t *r);
void op_chroot(ctx_t *c, const record_t *r);
void op_remount_ro(ctx_t *c, const record_t *r);
void op_mask(ctx_t *c, const record_t *r);
void op_readonly(ctx_t *c, const record_t *r);
void op_chdir(ctx_t *c, const record_t *r);
void op_mkdir(ctx_t *c, const record_t *r);

/* mountattr.c: recursive mount attributes. */
void op_mount_setattr(ctx_t *c, const record_t *r);

/* copyup.c: tmpcopyup. Copies a directory tree between two directory descriptors. */
int copy_tree(int from_dir, int to_dir, int depth);

/* idmap.c: idmapped bind mounts. */
void op_idmap_tree(ctx_t *c, const record_t *r);
void op_mount_idmap(ctx_t *c, const record_t *r);

/* dev.c: device nodes and symlinks. */
void op_mknod(ctx_t *c, const record_t *r);
void op_bind_device(ctx_t *c, const record_t *r);
void op_symlink(ctx_t *c, const record_t *r);

/* proc.c: attributes of the container process. */
void op_hostname(ctx_t *c, const record_t *r);
void op_domainname(ctx_t *c, const record_t *r);
void op_sysctl(ctx_t *c, const record_t *r);
void op_rlimit(ctx_t *c, const record_t *r);
void op_umask(ctx_t *c, const record_t *r);
void op_personality(ctx_t *c, const record_t *r);
void op_user(ctx_t *c, const record_t *r);
void op_caps_bounding(ctx_t *c, const record_t *r);
void op_caps(ctx_t *c, const record_t *r);
void op_no_new_privs(ctx_t *c, const record_t *r);
void op_seccomp(ctx_t *c, const record_t *r);
void op_scheduler(ctx_t *c, const record_t *r);
void op_ioprio(ctx_t *c, const record_t *r);
void op_lsm_exec(ctx_t *c, const record_t *r);

/* net.c: the loopback interface of a new network namespace. */
void op_loopback_up(ctx_t *c, const record_t *r);

/* keyring.c: the container's own session keyring. */
void op_session_keyring(ctx_t *c, const record_t *r);

/* seccomp.c: the notify listener of a seccomp filter. */
void op_seccomp_listener(ctx_t *c, const record_t *r);
void seccomp_send_listener(ctx_t *c, int notify_fd, const char *state);

/* gate.c: create/start gate, hooks and the hand-over to the payload. */
void op_hooks(ctx_t *c, const record_t *r);
void op_ready(ctx_t *c, const record_t *r);
void op_gate_open(ctx_t *c, const record_t *r);
void op_gate_wait(ctx_t *c, const record_t *r);
void op_exec_check(ctx_t *c, const record_t *r);
void op_exec(ctx_t *c, const record_t *r);

/* tty.c: the container's terminal. */
void op_console(ctx_t *c, const record_t *r);

/* hooks.c: createContainer and startContainer hooks, run by the init itself. */
void op_hook_state(ctx_t *c, const record_t *r);
int exec_as(const char *path, char **argv); /* husk-init exec-as: a hook's own argv[0], which Java cannot set */
void op_hook_exec(ctx_t *c, const record_t *r);

/* supervise.c: foreground run; waits for the init, forwards signals, then hands over to cleanup. */
int supervise_main(int argc, char **argv);

void reset_signals(void);

#endif
