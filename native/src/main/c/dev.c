/* Device nodes and symlinks inside the container root, each created relative to its resolved parent. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "husk.h"

/* Splits path into its resolved parent directory (created when missing) and its last component. */
static int open_parent(ctx_t *c, const char *path, char *name, size_t len) {
    char dir[4096], base[4096];
    snprintf(dir, sizeof dir, "%s", path);
    snprintf(base, sizeof base, "%s", path);
    snprintf(name, len, "%s", basename(base));
    return open_in_root(c, dirname(dir), 1);
}

/* args: path, mode (type and permission bits), major, minor, uid, gid. */
void op_mknod(ctx_t *c, const record_t *r) {
    const char *path = arg_s(c, r, 0);
    mode_t mode = (mode_t)arg_i(c, r, 1);
    dev_t dev = makedev((unsigned)arg_i(c, r, 2), (unsigned)arg_i(c, r, 3));
    uid_t uid = (uid_t)arg_i(c, r, 4);
    gid_t gid = (gid_t)arg_i(c, r, 5);
    char name[256];
    int dir = open_parent(c, path, name, sizeof name);
    if (dir < 0)
        fail(c, errno, path, "open the directory of %s", path);
    if (mknodat(dir, name, mode, dev) < 0 && errno != EEXIST)
        fail(c, errno, path, "mknod %s", path);
    /*
     * Set mode and owner through a descriptor of the node itself: a name could be a symlink the rootfs planted
     * (chmod would follow it to the host), so an existing entry must already be this very device.
     */
    int fd = openat(dir, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0)
        fail(c, errno, path, "open %s", path);
    if ((st.st_mode & S_IFMT) != (mode & S_IFMT) || (!S_ISFIFO(mode) && st.st_rdev != dev))
        fail(c, EEXIST, path, "%s exists and is not the configured device", path);
    char p[64];
    fd_path(fd, p, sizeof p);
    /* mknod applies the umask; the spec's mode is exact. */
    if (chmod(p, mode & 07777) < 0)
        fail(c, errno, path, "chmod %s", path);
    if (fchownat(fd, "", uid, gid, AT_EMPTY_PATH) < 0)
        fail(c, errno, path, "chown %s", path);
    close(fd);
    close(dir);
}

/* args: host path, path in the container. A user namespace may not mknod, so devices are bind-mounted. */
void op_bind_device(ctx_t *c, const record_t *r) {
    const char *host = arg_s(c, r, 0);
    bind_file_in_root(c, host, host, arg_s(c, r, 1));
}

void bind_file_in_root(ctx_t *c, const char *source, const char *what, const char *target) {
    int fd = open_in_root(c, target, KIND_FILE);
    if (fd < 0)
        fail(c, errno, target, "create %s to bind %s on", target, what);
    char p[64];
    fd_path(fd, p, sizeof p);
    if (mount(source, p, NULL, MS_BIND, NULL) < 0)
        fail(c, errno, target, "bind %s on %s", what, target);
    close(fd);
}

/* args: link target, link path. An existing entry is left alone. */
void op_symlink(ctx_t *c, const record_t *r) {
    const char *target = arg_s(c, r, 0), *path = arg_s(c, r, 1);
    char name[256];
    int dir = open_parent(c, path, name, sizeof name);
    if (dir < 0)
        fail(c, errno, path, "open the directory of %s", path);
    if (symlinkat(target, dir, name) < 0 && errno != EEXIST)
        fail(c, errno, path, "symlink %s -> %s", path, target);
    close(dir);
}
