package io.husk.nativeinit;

import java.util.List;

/**
 * The steps husk-init can execute. This enum is the protocol's source of truth; {@code protocol.h} repeats
 * the codes for C and a test checks the two agree. Bump {@link Protocol#VERSION} on any incompatible change.
 */
public enum Op {
    CGROUP_JOIN(1, "procs"),
    OOM_SCORE_ADJ(2, "value"),
    SETNS(3, "path", "type"),
    CLONE(4, "flags", "uidMap", "gidMap", "setgroups"),
    SETSID(5),
    PROPAGATION(6, "target", "flags"),
    MOUNT_HOST(7, "source", "target", "fstype", "flags", "data"),
    ROOTFS(8, "path"),
    MOUNT(9, "source", "target", "fstype", "flags", "data", "kind", "propagation", "noSymlink", "copyUp"),
    MKNOD(10, "path", "mode", "major", "minor", "uid", "gid"),
    BIND_DEVICE(11, "host", "path"),
    SYMLINK(12, "target", "path"),
    HOOKS(13, "phase"),
    PIVOT_ROOT(14, "noPivot"),
    REMOUNT_RO(15, "path"),
    MASK(16, "path"),
    READONLY(17, "path"),
    HOSTNAME(18, "name"),
    DOMAINNAME(19, "name"),
    SYSCTL(20, "key", "value"),
    RLIMIT(21, "resource", "soft", "hard"),
    CHDIR(22, "path"),
    USER(23, "uid", "gid", "keepCaps", "setgroups", "additionalGids..."),
    CAPS_BOUNDING(24, "bounding"),
    CAPS(25, "effective", "permitted", "inheritable", "ambient"),
    NO_NEW_PRIVS(26),
    SECCOMP(27, "program", "flags", "state"),
    READY(28, "keepControl"),
    GATE_OPEN(29, "kind", "path"),
    GATE_WAIT(30),
    EXEC_CHECK(31, "arg0", "path"),
    EXEC(32, "argc", "argv and env..."),
    UMASK(33, "mask"),
    PERSONALITY(34, "domain"),
    TIMENS(35, "offsets"),
    LOOPBACK_UP(36),
    SECCOMP_LISTENER(60, "path"),
    SCHEDULER(61, "policy", "flags", "nice", "priority", "runtime", "deadline", "period"),
    IOPRIO(62, "class", "priority"),
    LSM_EXEC(63, "attr", "value"),
    SESSION_KEYRING(64, "name", "addPerm"),
    MOUNT_SETATTR(40, "path", "set", "clear"),
    MKDIR(41, "path"),
    MOUNT_IDMAP(42, "tree", "target", "kind"),
    CHROOT(43, "path"),
    IDMAP_TREE(44, "source", "rbind", "ridmap", "attrs", "uidMap", "gidMap"),
    CONSOLE(80, "socketFd", "rows", "cols", "uid", "devConsole"),
    HOOK_STATE(81),
    HOOK_EXEC(82, "phase", "path", "timeout", "argc", "argv and env...");

    private final int code;
    private final List<String> argNames;

    Op(int code, String... argNames) {
        this.code = code;
        this.argNames = List.of(argNames);
    }

    public int code() {
        return code;
    }

    /** Names of the arguments, for the readable plan; a last name ending in "..." takes the rest. */
    public List<String> argNames() {
        return argNames;
    }

    /** The name in protocol.h ({@code OP_MOUNT}) and in readable plans ({@code mount}). */
    public String cName() {
        return "OP_" + name();
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static Op of(int code) {
        for (Op op : values()) {
            if (op.code == code) {
                return op;
            }
        }
        return null;
    }
}
