/*
 * The container's session keyring. Without its own, the container's processes would share the session keyring
 * of whoever ran husk (often a root login), and could read or add keys there.
 */
#include <errno.h>
#include <linux/keyctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "husk.h"

/*
 * args: name ("_ses.<container id>"), permission bits to add. Joins the session keyring of that name, made
 * the first time: the init makes it and every exec'd process joins the same one. The added bit makes it
 * searchable by its owner, which joining alone does not grant.
 * A kernel without keys support (ENOSYS) keeps the caller's keyring: the isolation is a hardening, not a
 * promise of the spec. A keyring of that name owned by another user (made in advance, to read what the
 * container keeps there) is left alone for an anonymous one of the container's own.
 */
void op_session_keyring(ctx_t *c, const record_t *r) {
    const char *name = arg_s(c, r, 0);
    uint32_t add = (uint32_t)arg_i(c, r, 1);
    long id = syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, name, 0L, 0L, 0L);
    if (id < 0) {
        if (errno == ENOSYS) {
            hlog(c, 2, "this kernel has no keyrings: the container keeps husk's session keyring");
            return;
        }
        fail(c, errno, NULL, "join the session keyring %s", name);
    }
    /* KEYCTL_DESCRIBE gives "type;uid;gid;perm;description", perm in hex, uid as this namespace sees it. */
    char desc[512];
    long n = syscall(SYS_keyctl, KEYCTL_DESCRIBE, id, desc, (long)sizeof desc, 0L);
    if (n < 0)
        fail(c, errno, NULL, "describe the session keyring %s", name);
    desc[sizeof desc - 1] = 0;
    char *uid = strchr(desc, ';');
    if (uid && (uid_t)strtoul(uid + 1, NULL, 10) != geteuid()) {
        hlog(c, 2, "session keyring %s belongs to uid %lu: using an anonymous one", name, strtoul(uid + 1, NULL, 10));
        if (syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, NULL, 0L, 0L, 0L) < 0)
            fail(c, errno, NULL, "join an anonymous session keyring");
        return;
    }
    char *perm = desc;
    for (int field = 0; field < 3 && perm; field++) {
        perm = strchr(perm, ';');
        perm = perm ? perm + 1 : NULL;
    }
    if (!perm)
        fail(c, EINVAL, NULL, "unexpected description of the session keyring %s: %s", name, desc);
    uint32_t bits = (uint32_t)strtoul(perm, NULL, 16) | add;
    if (syscall(SYS_keyctl, KEYCTL_SETPERM, id, (unsigned long)bits, 0L, 0L) < 0)
        fail(c, errno, NULL, "set the permissions of the session keyring %s", name);
}
