/*
 * tmpcopyup: a tmpfs mounted over a directory starts with a copy of what the directory held. The directory is
 * opened before the mount covers it; its descriptor still reaches the covered contents afterwards.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "husk.h"

static int copy_file(int from_dir, int to_dir, const char *name, mode_t mode) {
    int in = openat(from_dir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (in < 0)
        return -1;
    int out = openat(to_dir, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode & 07777);
    if (out < 0) {
        close(in);
        return -1;
    }
    char buf[65536];
    ssize_t n;
    int rc = 0;
    while ((n = read(in, buf, sizeof buf)) > 0) {
        if (write(out, buf, (size_t)n) != n) {
            rc = -1;
            break;
        }
    }
    if (n < 0)
        rc = -1;
    close(in);
    close(out);
    return rc;
}

/* Copies one entry, keeping type, mode and owner; symlinks are copied as links, never followed. */
static int copy_entry(int from_dir, int to_dir, const char *name, int depth) {
    struct stat st;
    char link[4096];
    if (fstatat(from_dir, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
        return -1;
    int rc;
    if (S_ISDIR(st.st_mode)) {
        rc = mkdirat(to_dir, name, 0700);
        if (rc == 0) {
            int from = openat(from_dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            int to = openat(to_dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            rc = from < 0 || to < 0 ? -1 : copy_tree(from, to, depth + 1);
            if (from >= 0)
                close(from);
            if (to >= 0)
                close(to);
        }
    } else if (S_ISREG(st.st_mode)) {
        rc = copy_file(from_dir, to_dir, name, st.st_mode);
    } else if (S_ISLNK(st.st_mode)) {
        ssize_t n = readlinkat(from_dir, name, link, sizeof link - 1);
        if (n < 0)
            return -1;
        link[n] = '\0';
        rc = symlinkat(link, to_dir, name);
    } else {
        rc = mknodat(to_dir, name, st.st_mode, st.st_rdev);
    }
    if (rc < 0 || fchownat(to_dir, name, st.st_uid, st.st_gid, AT_SYMLINK_NOFOLLOW) < 0)
        return -1;
    return S_ISLNK(st.st_mode) ? 0 : fchmodat(to_dir, name, st.st_mode & 07777, 0);
}

int copy_tree(int from_dir, int to_dir, int depth) {
    if (depth > 256) {
        errno = ELOOP;
        return -1;
    }
    int fd = dup(from_dir);
    DIR *d = fd < 0 ? NULL : fdopendir(fd);
    if (!d)
        return -1;
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        rc = copy_entry(from_dir, to_dir, e->d_name, depth);
    }
    closedir(d);
    return rc;
}
