/*
 * The plan and control protocol between husk (Java) and husk-init.
 *
 * The Java side is the source of truth: io.husk.nativeinit.Op and io.husk.nativeinit.Msg. ProtocolHeaderTest
 * checks every constant here against those enums, so a change on one side without the other fails the build.
 *
 * Wire format (little-endian, fixed widths):
 *   frame  := u32 length-of-rest, record+
 *   record := u32 code, u32 argc, arg*
 *   arg    := 'i' i64 | 's' u32 n, n bytes (strings carry their NUL inside n)
 * A plan is one frame: a MSG_PLAN record [version, step count] followed by one record per step (code = OP_*).
 */
#ifndef HUSK_PROTOCOL_H
#define HUSK_PROTOCOL_H

#define HUSK_PROTOCOL_VERSION 5

/* Steps of a plan, in the order the plan lists them; OP_CLONE splits host-side steps from init steps. */
#define OP_CGROUP_JOIN 1
#define OP_OOM_SCORE_ADJ 2
#define OP_SETNS 3
#define OP_CLONE 4
#define OP_SETSID 5
#define OP_PROPAGATION 6
#define OP_MOUNT_HOST 7
#define OP_ROOTFS 8
#define OP_MOUNT 9
#define OP_MKNOD 10
#define OP_BIND_DEVICE 11
#define OP_SYMLINK 12
#define OP_HOOKS 13
#define OP_PIVOT_ROOT 14
#define OP_REMOUNT_RO 15
#define OP_MASK 16
#define OP_READONLY 17
#define OP_HOSTNAME 18
#define OP_DOMAINNAME 19
#define OP_SYSCTL 20
#define OP_RLIMIT 21
#define OP_CHDIR 22
#define OP_USER 23
#define OP_CAPS_BOUNDING 24
#define OP_CAPS 25
#define OP_NO_NEW_PRIVS 26
#define OP_SECCOMP 27
#define OP_READY 28
#define OP_GATE_OPEN 29
#define OP_GATE_WAIT 30
#define OP_EXEC_CHECK 31
#define OP_EXEC 32
#define OP_UMASK 33
#define OP_PERSONALITY 34
#define OP_TIMENS 35
#define OP_LOOPBACK_UP 36
#define OP_SECCOMP_LISTENER 60
#define OP_SCHEDULER 61
#define OP_IOPRIO 62
#define OP_LSM_EXEC 63
#define OP_SESSION_KEYRING 64
#define OP_MOUNT_SETATTR 40
#define OP_MKDIR 41
#define OP_MOUNT_IDMAP 42
#define OP_CHROOT 43
#define OP_IDMAP_TREE 44
/* Codes 40-59: mounts and rootfs; 60-79: process security; 80-99: exec, terminals, hooks. */
#define OP_CONSOLE 80
#define OP_HOOK_STATE 81
#define OP_HOOK_EXEC 82

/* Size of the helper's dispatch table; every OP_ code is below it. */
#define OP_TABLE_SIZE 128

/* Control messages. 106-119: exec, terminals, hooks. */
#define MSG_PLAN 100
#define MSG_PID 101
#define MSG_READY 102
#define MSG_ERROR 103
#define MSG_HOOK_REQUEST 104
#define MSG_HOOK_DONE 105
#define MSG_STATE_REQUEST 106
#define MSG_STATE 107

#endif
