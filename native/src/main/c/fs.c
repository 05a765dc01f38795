/*
 * Mounts and the root filesystem. Every path inside the container is opened through open_in_root (inroot.c,
 * openat2 with RESOLVE_IN_ROOT) and mounts go through /proc/self/fd/N of that descriptor, so a symlink planted in
 * the rootfs (absolute, relative, dangling or racing) can never redirect a mount onto the host.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "husk.h"

void fd_path(int fd, char *out, size_t len) {
    snprintf(out, len, "/proc/self/fd/%d", fd);
}

/* Maps the statvfs flags of a mount to the MS_ flags a bind remount must repeat (locked ones included). */
static unsigned long kept_flags(const char *path) {
    struct statvfs sv;
    unsigned long f = 0;
    if (statvfs(path, &sv) < 0)
        return 0;
    if (sv.f_flag & ST_NOSUID) f |= MS_NOSUID;
    if (sv.f_flag & ST_NODEV) f |= MS_NODEV;
    if (sv.f_flag & ST_NOEXEC) f |= MS_NOEXEC;
    if (sv.f_flag & ST_NOATIME) f |= MS_NOATIME;
    if (sv.f_flag & ST_NODIRATIME) f |= MS_NODIRATIME;
    if (sv.f_flag & ST_RELATIME) f |= MS_RELATIME;
    if (sv.f_flag & ST_RDONLY) f |= MS_RDONLY;
    return f;
}

void op_propagation(ctx_t *c, const record_t *r) {
    const char *target = arg_s(c, r, 0);
    unsigned long flags = (unsigned long)arg_i(c, r, 1);
    if (mount(NULL, target, NULL, flags, NULL) < 0)
        fail(c, errno, target, "set mount propagation of %s", target);
}

void op_mount_host(ctx_t *c, const record_t *r) {
    const char *src = arg_opt(c, r, 0), *target = arg_s(c, r, 1), *type = arg_opt(c, r, 2);
    unsigned long flags = (unsigned long)arg_i(c, r, 3);
    const char *data = arg_opt(c, r, 4);
    if (mount(src, target, type, flags, data) < 0)
        fail(c, errno, target, "mount %s on %s", src ? src : type, target);
}

void op_rootfs(ctx_t *c, const record_t *r) {
    const char *path = arg_s(c, r, 0);
    int fd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        fail(c, errno, path, "open rootfs %s", path);
    if (c->rootfd >= 0)
        close(c->rootfd);
    c->rootfd = fd;
}

static void need_root(ctx_t *c) {
    if (c->rootfd < 0)
        fail(c, EPROTO, NULL, "protocol: a container path before the rootfs was opened");
}

/* /proc and /sys: a symlink anywhere on the way (planted by the rootfs) is refused, nothing is mounted. */
static void refuse_symlink(ctx_t *c, const char *target) {
    struct open_how how = {.flags = O_PATH | O_CLOEXEC, .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS};
    const char *rel = target;
    while (*rel == '/')
        rel++;
    int fd = (int)syscall(SYS_openat2, c->rootfd, rel, &how, sizeof how);
    if (fd < 0 && errno == ELOOP)
        fail(c, 0, target, "%s must be mounted on an ordinary directory, not a symlink", target);
    if (fd >= 0)
        close(fd);
}

/*
 * A tmpfs on an existing directory keeps that directory's mode unless the options give mode=; a new target
 * gets the kernel's default (1777).
 */
static const char *tmpfs_keep_mode(ctx_t *c, const char *target, const char *data, char *buf, size_t len) {
    if (data && (strncmp(data, "mode=", 5) == 0 || strstr(data, ",mode=")))
        return data;
    int fd = open_in_root(c, target, KIND_NONE);
    if (fd < 0)
        return data;
    struct stat st;
    int rc = fstat(fd, &st);
    close(fd);
    if (rc < 0 || !S_ISDIR(st.st_mode))
        return data;
    snprintf(buf, len, "%s%smode=%o", data ? data : "", data ? "," : "", (unsigned)(st.st_mode & 07777));
    return buf;
}

/* A readable descriptor of an existing directory in the root, or -1 when there is none. */
static int open_dir_in_root(ctx_t *c, const char *path) {
    int fd = open_in_root(c, path, KIND_NONE);
    if (fd < 0)
        return -1;
    int dir = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    close(fd);
    return dir;
}

/* tmpcopyup: the covered directory (below) is copied into the tmpfs now mounted over it. */
static void copy_up_into(ctx_t *c, const char *target, int below) {
    int top = open_dir_in_root(c, target);
    if (top < 0 || copy_tree(below, top, 0) < 0)
        fail(c, errno, target, "copy the contents of %s into its tmpfs", target);
    close(top);
    close(below);
}

/*
 * args: source, target (in the container), fstype, flags, data, kind (1 dir, 2 file), propagation flags,
 * no_symlink (1: the target must not be a symlink, as for /proc and /sys), copy_up (tmpcopyup).
 */
void op_mount(ctx_t *c, const record_t *r) {
    need_root(c);
    const char *src = arg_opt(c, r, 0), *target = arg_s(c, r, 1), *type = arg_opt(c, r, 2);
    unsigned long flags = (unsigned long)arg_i(c, r, 3);
    const char *data = arg_opt(c, r, 4);
    int kind = (int)arg_i(c, r, 5);
    unsigned long propagation = (unsigned long)arg_i(c, r, 6);
    int no_symlink = (int)arg_i(c, r, 7);
    int copy_up = (int)arg_i(c, r, 8);
    char p[64];

    if (no_symlink)
        refuse_symlink(c, target);
    char tmpfs_data[4096];
    if (type && strcmp(type, "tmpfs") == 0)
        data = tmpfs_keep_mode(c, target, data, tmpfs_data, sizeof tmpfs_data);
    int below = copy_up ? open_dir_in_root(c, target) : -1;
    int fd = open_in_root(c, target, kind);
    if (fd < 0)
        fail(c, errno, target, "resolve mount target %s", target);
    fd_path(fd, p, sizeof p);
    unsigned long base = flags & (MS_BIND | MS_REC);
    unsigned long first = (flags & MS_BIND) ? base : flags;
    if (mount(src, p, type, first, data) < 0)
        fail(c, errno, target, "mount %s on %s", src ? src : (type ? type : "?"), target);
    close(fd);
    if (below >= 0)
        copy_up_into(c, target, below);
    unsigned long rest = flags & ~(MS_BIND | MS_REC | MS_REMOUNT);
    if ((flags & MS_BIND) && rest) {
        /* A bind mount ignores every other flag; they need a remount of the new mount. */
        fd = open_in_root(c, target, KIND_NONE);
        if (fd < 0)
            fail(c, errno, target, "reopen %s", target);
        fd_path(fd, p, sizeof p);
        if (mount(NULL, p, NULL, MS_REMOUNT | MS_BIND | rest | kept_flags(p), NULL) < 0)
            fail(c, errno, target, "remount %s with its options", target);
        close(fd);
    }
    if (propagation) {
        fd = open_in_root(c, target, KIND_NONE);
        if (fd < 0)
            fail(c, errno, target, "reopen %s", target);
        fd_path(fd, p, sizeof p);
        if (mount(NULL, p, NULL, propagation, NULL) < 0)
            fail(c, errno, target, "set propagation of %s", target);
        close(fd);
    }
}

/*
 * pivot_root(".", ".") stacks the old root on the new one. The old root is then detached through a descriptor
 * of its own: "." would name the new root (a lookup of "." does not cross mounts), and making that a slave
 * would strip the propagation the config asked for on the container's mounts.
 */
static void pivot(ctx_t *c) {
    int oldroot = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (oldroot < 0)
        fail(c, errno, "/", "open the old root");
    if (syscall(SYS_pivot_root, ".", ".") < 0)
        fail(c, errno, NULL, "pivot_root");
    if (fchdir(oldroot) < 0)
        fail(c, errno, NULL, "enter the old root");
    /* Nothing the detach does may propagate to the host's mounts. */
    if (mount(NULL, ".", NULL, MS_REC | MS_SLAVE, NULL) < 0)
        fail(c, errno, NULL, "make the old root a slave");
    if (umount2(".", MNT_DETACH) < 0)
        fail(c, errno, NULL, "detach the old root");
    close(oldroot);
}

/* args: no_pivot. With no_pivot the root is moved over / and chrooted (for ramfs roots, as runc does). */
void op_pivot_root(ctx_t *c, const record_t *r) {
    need_root(c);
    int no_pivot = (int)arg_i(c, r, 0);
    if (fchdir(c->rootfd) < 0)
        fail(c, errno, NULL, "enter rootfs");
    if (no_pivot) {
        if (mount(".", "/", NULL, MS_MOVE, NULL) < 0)
            fail(c, errno, "/", "move rootfs to /");
        if (chroot(".") < 0)
            fail(c, errno, NULL, "chroot into rootfs");
    } else {
        pivot(c);
    }
    if (chdir("/") < 0)
        fail(c, errno, "/", "chdir /");
    close(c->rootfd);
    c->rootfd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (c->rootfd < 0)
        fail(c, errno, "/", "open the new root");
}

/*
 * args: path ("" for the root OP_ROOTFS opened). A container without a mount namespace works in the host's
 * mount table: pivot_root would swap the host's own root, so the init only changes its root directory.
 */
void op_chroot(ctx_t *c, const record_t *r) {
    const char *path = arg_opt(c, r, 0);
    if (!path)
        need_root(c);
    if ((path ? chdir(path) : fchdir(c->rootfd)) < 0)
        fail(c, errno, path, "enter the root %s", path ? path : "of the container");
    if (chroot(".") < 0)
        fail(c, errno, NULL, "chroot into the root");
    if (chdir("/") < 0)
        fail(c, errno, "/", "chdir /");
    if (c->rootfd >= 0)
        close(c->rootfd);
    c->rootfd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (c->rootfd < 0)
        fail(c, errno, "/", "open the new root");
}

/* Remounts the mount at path read-only, keeping the flags it has (the kernel refuses to drop locked ones). */
static void remount_ro(ctx_t *c, const char *path) {
    int fd = open_in_root(c, path, KIND_NONE);
    char p[64];
    if (fd < 0)
        fail(c, errno, path, "open %s", path);
    fd_path(fd, p, sizeof p);
    if (mount(NULL, p, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | kept_flags(p), NULL) < 0)
        fail(c, errno, path, "remount %s read-only", path);
    close(fd);
}

/* args: path (in the container). Used for root.readonly once the root is in place. */
void op_remount_ro(ctx_t *c, const record_t *r) {
    need_root(c);
    remount_ro(c, arg_s(c, r, 0));
}

/* maskedPaths: a directory gets an empty read-only tmpfs, anything else /dev/null. Missing paths are fine. */
void op_mask(ctx_t *c, const record_t *r) {
    need_root(c);
    const char *path = arg_s(c, r, 0);
    int fd = open_in_root(c, path, KIND_NONE);
    if (fd < 0) {
        if (errno == ENOENT)
            return;
        fail(c, errno, path, "open masked path %s", path);
    }
    struct stat st;
    char p[64];
    fd_path(fd, p, sizeof p);
    if (fstat(fd, &st) < 0)
        fail(c, errno, path, "stat %s", path);
    int rc = S_ISDIR(st.st_mode) ? mount("tmpfs", p, "tmpfs", MS_RDONLY, "size=0k")
                                 : mount("/dev/null", p, NULL, MS_BIND, NULL);
    if (rc < 0)
        fail(c, errno, path, "mask %s", path);
    close(fd);
}

/* readonlyPaths: bind the path onto itself, then remount that bind read-only. Missing paths are fine. */
void op_readonly(ctx_t *c, const record_t *r) {
    need_root(c);
    const char *path = arg_s(c, r, 0);
    int fd = open_in_root(c, path, KIND_NONE);
    if (fd < 0) {
        if (errno == ENOENT)
            return;
        fail(c, errno, path, "open read-only path %s", path);
    }
    char p[64];
    fd_path(fd, p, sizeof p);
    if (mount(p, p, NULL, MS_BIND | MS_REC, NULL) < 0)
        fail(c, errno, path, "bind %s", path);
    close(fd);
    remount_ro(c, path); /* reopened: the old fd is below the new bind */
}

/* args: path (in the container). Makes a missing directory, such as process.cwd before the root turns read-only. */
void op_mkdir(ctx_t *c, const record_t *r) {
    need_root(c);
    const char *path = arg_s(c, r, 0);
    int fd = open_in_root(c, path, KIND_DIR);
    if (fd < 0)
        fail(c, errno, path, "create directory %s", path);
    close(fd);
}

/* process.cwd; created when missing, as runc does. */
void op_chdir(ctx_t *c, const record_t *r) {
    const char *path = arg_s(c, r, 0);
    if (c->rootfd >= 0) {
        int fd = open_in_root(c, path, KIND_DIR);
        if (fd >= 0)
            close(fd);
    }
    if (chdir(path) < 0)
        fail(c, errno, path, "chdir to cwd %s", path);
}
