/*
 * Recursive mount attributes (rro, rnosuid, ratime family, rnosymfollow ...): mount_setattr(2) with AT_RECURSIVE
 * changes a mount and every mount below it in one call, which a series of MS_REMOUNT calls cannot do atomically.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include "husk.h"

/* args: path (in the container), attr_set, attr_clr (MOUNT_ATTR_* bits). */
void op_mount_setattr(ctx_t *c, const record_t *r) {
    const char *path = arg_s(c, r, 0);
    struct mount_attr attr = {.attr_set = (uint64_t)arg_i(c, r, 1), .attr_clr = (uint64_t)arg_i(c, r, 2)};
    if (c->rootfd < 0)
        fail(c, EPROTO, NULL, "protocol: a container path before the rootfs was opened");
    int fd = open_in_root(c, path, 0);
    if (fd < 0)
        fail(c, errno, path, "open %s", path);
    if (mount_setattr(fd, "", AT_EMPTY_PATH | AT_RECURSIVE, &attr, sizeof attr) < 0)
        fail(c, errno, path, "set recursive mount attributes of %s%s", path,
             errno == ENOSYS ? " (the kernel has no mount_setattr)" : "");
    close(fd);
}
