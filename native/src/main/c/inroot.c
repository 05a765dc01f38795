/*
 * Paths inside the container's root. Every one is opened with openat2(RESOLVE_IN_ROOT) relative to the root's
 * descriptor, and missing components are made one by one under their resolved parent, so a symlink planted in
 * the rootfs (absolute, relative, dangling or racing) can never lead a mount or a device node onto the host.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "husk.h"

static int openat2_in_root(int rootfd, const char *path) {
    struct open_how how = {.flags = O_PATH | O_CLOEXEC, .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS};
    while (*path == '/')
        path++;
    if (!*path)
        path = ".";
    return (int)syscall(SYS_openat2, rootfd, path, &how, sizeof how);
}

static int create_path(int rootfd, const char *path, int kind, int depth);

/*
 * The component at buf (already cut at its end) exists but does not resolve: a symlink to a missing path. Like the
 * kernel, continue at the link's target, read relative to the root (absolute links) or to the link's directory;
 * the walk stays inside the root because every step is resolved with RESOLVE_IN_ROOT.
 */
static int create_through_link(int rootfd, int parent, const char *buf, const char *name, const char *rest,
                               int kind, int depth) {
    char link[4096], next[8192];
    ssize_t n = readlinkat(parent, name, link, sizeof link - 1);
    if (n < 0) {
        errno = ENOENT;
        return -1;
    }
    link[n] = '\0';
    if (link[0] == '/')
        snprintf(next, sizeof next, "%s%s", link, rest);
    else
        snprintf(next, sizeof next, "%.*s/%s%s", (int)(name - buf), buf, link, rest);
    return create_path(rootfd, next, kind, depth + 1);
}

/* Makes the missing components of path, each one relative to its already resolved parent. */
static int create_path(int rootfd, const char *path, int kind, int depth) {
    char buf[4096];
    if (depth > 40) {
        errno = ELOOP;
        return -1;
    }
    snprintf(buf, sizeof buf, "%s", path);
    size_t len = strlen(buf);
    for (size_t i = 1; i <= len; i++) {
        if (buf[i] != '/' && buf[i] != '\0')
            continue;
        char saved = buf[i];
        buf[i] = '\0';
        int fd = openat2_in_root(rootfd, buf);
        if (fd < 0 && errno == ENOENT) {
            char *slash = strrchr(buf, '/');
            const char *name = slash ? slash + 1 : buf;
            int parent;
            if (slash && slash != buf) {
                *slash = '\0';
                parent = openat2_in_root(rootfd, buf);
                *slash = '/';
            } else {
                parent = openat2_in_root(rootfd, "/");
            }
            if (parent < 0)
                return -1;
            int last = saved == '\0';
            int rc;
            if (last && kind == KIND_FILE) {
                rc = openat(parent, name, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0644);
                if (rc >= 0)
                    close(rc);
            } else {
                rc = mkdirat(parent, name, 0755);
            }
            int err = errno;
            if (rc < 0 && err == EEXIST) {
                struct stat st;
                if (fstatat(parent, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) {
                    rc = create_through_link(rootfd, parent, buf, name, path + i, kind, depth);
                    close(parent);
                    return rc;
                }
            }
            close(parent);
            if (rc < 0 && err != EEXIST) {
                errno = err;
                return -1;
            }
            fd = openat2_in_root(rootfd, buf);
        }
        if (fd < 0)
            return -1;
        close(fd);
        buf[i] = saved;
    }
    return 0;
}

/* Opens a path inside the container root (O_PATH); with create_kind set, missing components are made. */
int open_in_root(ctx_t *c, const char *path, int create_kind) {
    int fd = openat2_in_root(c->rootfd, path);
    if (fd >= 0 || errno != ENOENT || create_kind == KIND_NONE)
        return fd;
    if (create_path(c->rootfd, path, create_kind, 0) < 0)
        return -1;
    return openat2_in_root(c->rootfd, path);
}
