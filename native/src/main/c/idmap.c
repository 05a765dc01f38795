/*
 * Idmapped bind mounts (OCI mount options idmap/ridmap): on the host, the source tree is cloned with open_tree and
 * given the mount's own id mapping through a user namespace made for the purpose; in the container, the detached
 * tree is moved onto the resolved target.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include "husk.h"

static int write_file(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, text, strlen(text));
    int err = errno;
    close(fd);
    errno = err;
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

/*
 * A user namespace holding uid_map/gid_map: a child unshares one and waits while this process writes its maps
 * (as its parent namespace's root) and opens it. The child reports its pid as /proc sees it, since /proc here
 * may belong to another pid namespace than fork's return value.
 */
static int make_userns(ctx_t *c, const char *uid_map, const char *gid_map) {
    int ready[2], done[2];
    if (pipe2(ready, O_CLOEXEC) < 0 || pipe2(done, O_CLOEXEC) < 0)
        fail(c, errno, NULL, "pipe for the idmap user namespace");
    pid_t pid = fork();
    if (pid < 0)
        fail(c, errno, NULL, "fork for the idmap user namespace");
    if (pid == 0) {
        close(ready[0]);
        close(done[1]); /* or the read below would never see the parent's close */
        char self[32] = "";
        if (unshare(CLONE_NEWUSER) == 0 && readlink("/proc/self", self, sizeof self - 1) > 0)
            (void)!write(ready[1], self, strlen(self));
        close(ready[1]);
        char b;
        (void)!read(done[0], &b, 1);
        _exit(0);
    }
    close(ready[1]);
    close(done[0]);
    char procpid[32] = "", path[64];
    ssize_t n = read(ready[0], procpid, sizeof procpid - 1);
    close(ready[0]);
    int fd = -1, err = EPERM;
    if (n > 0) {
        snprintf(path, sizeof path, "/proc/%s/uid_map", procpid);
        if (write_file(path, uid_map) == 0) {
            snprintf(path, sizeof path, "/proc/%s/gid_map", procpid);
            if (write_file(path, gid_map) == 0) {
                snprintf(path, sizeof path, "/proc/%s/ns/user", procpid);
                fd = open(path, O_RDONLY | O_CLOEXEC);
            }
        }
        err = errno;
    }
    close(done[1]);
    waitpid(pid, NULL, 0);
    if (fd < 0)
        fail(c, err, NULL, "make the user namespace of an idmapped mount");
    return fd;
}

/*
 * args: source, rbind, ridmap, attr_set, uid map, gid map. Runs on the host, before the clone: cloning a host
 * mount tree and idmapping it takes CAP_SYS_ADMIN over the host's mounts, which a container with a user
 * namespace of its own no longer has. The detached tree's fd is inherited by the init, which OP_MOUNT_IDMAP
 * moves into place once the root is built.
 */
void op_idmap_tree(ctx_t *c, const record_t *r) {
    const char *src = arg_s(c, r, 0);
    int rbind = (int)arg_i(c, r, 1), ridmap = (int)arg_i(c, r, 2);
    uint64_t attr_set = (uint64_t)arg_i(c, r, 3);
    if (c->ntrees >= MAX_IDMAP_TREES)
        fail(c, E2BIG, src, "more than %d idmapped mounts", MAX_IDMAP_TREES);
    int userns = make_userns(c, arg_s(c, r, 4), arg_s(c, r, 5));
    int tree = open_tree(AT_FDCWD, src, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | (rbind ? AT_RECURSIVE : 0));
    if (tree < 0)
        fail(c, errno, src, "clone the mount tree of %s", src);
    struct mount_attr attr = {.attr_set = MOUNT_ATTR_IDMAP | attr_set, .userns_fd = (uint64_t)userns};
    if (mount_setattr(tree, "", AT_EMPTY_PATH | (ridmap ? AT_RECURSIVE : 0), &attr, sizeof attr) < 0)
        fail(c, errno, src, "idmap the mount of %s%s", src,
             errno == EINVAL ? " (its filesystem may not support idmapped mounts)" : "");
    close(userns);
    c->trees[c->ntrees++] = tree;
}

/* args: tree (index of an OP_IDMAP_TREE), target (in the container), kind. */
void op_mount_idmap(ctx_t *c, const record_t *r) {
    int64_t tree = arg_i(c, r, 0);
    const char *target = arg_s(c, r, 1);
    int kind = (int)arg_i(c, r, 2);
    if (tree < 0 || tree >= c->ntrees)
        fail(c, EPROTO, target, "protocol: no idmapped tree %lld", (long long)tree);
    int fd = open_in_root(c, target, kind);
    if (fd < 0)
        fail(c, errno, target, "resolve mount target %s", target);
    if (move_mount(c->trees[tree], "", fd, "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) < 0)
        fail(c, errno, target, "move the idmapped mount onto %s", target);
    close(fd);
    close(c->trees[tree]);
    c->trees[tree] = -1;
}
