package io.husk.core.seccomp;

import io.husk.core.HuskException;
import io.husk.core.config.Spec;
import java.util.List;

/** Checks {@code linux.seccomp} before anything is created; names each offending field. */
public final class SeccompValidator {
    private static final String F = "linux.seccomp";
    /** Largest argument index of a syscall (seccomp_data.args has six). */
    private static final int MAX_ARG = 5;

    private SeccompValidator() {
    }

    public static void validate(Spec.Seccomp s) {
        if (s == null) {
            return;
        }
        if (SeccompNames.action(s.defaultAction()) == null) {
            throw new HuskException(F + ".defaultAction: unknown action \"" + s.defaultAction() + "\"");
        }
        if ("SCMP_ACT_NOTIFY".equals(s.defaultAction())) {
            // Every syscall of husk-init after the load, sending the notify fd included, would wait for a
            // listener that does not have the fd yet.
            throw new HuskException(F + ".defaultAction: SCMP_ACT_NOTIFY cannot be the default action");
        }
        if (s.defaultErrnoRet() != null && !SeccompNames.takesErrno(s.defaultAction())) {
            throw new HuskException(F + ".defaultErrnoRet: " + s.defaultAction() + " takes no errno");
        }
        list(s.architectures(), "architectures", SeccompNames::arch, "architecture");
        list(s.flags(), "flags", SeccompNames::flag, "flag");
        boolean notify = false;
        List<Spec.Syscall> calls = s.syscalls() == null ? List.of() : s.syscalls();
        for (int i = 0; i < calls.size(); i++) {
            notify |= syscall(calls.get(i), F + ".syscalls[" + i + "]");
        }
        boolean listener = s.listenerPath() != null && !s.listenerPath().isEmpty();
        if (notify && !listener) {
            throw new HuskException(F + ".listenerPath: SCMP_ACT_NOTIFY needs a listener socket");
        }
        if (listener && !notify) {
            throw new HuskException(F + ".listenerPath: set, but no rule uses SCMP_ACT_NOTIFY");
        }
        if (listener && !s.listenerPath().startsWith("/")) {
            throw new HuskException(F + ".listenerPath: must be an absolute path, got " + s.listenerPath());
        }
        // The kernel takes this flag only with a notify listener; said here instead of as EINVAL at start.
        if (!notify && s.flags() != null && s.flags().contains("SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV")) {
            throw new HuskException(F + ".flags: SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV needs a rule with"
                    + " SCMP_ACT_NOTIFY");
        }
    }

    private static <T> void list(List<String> names, String field, java.util.function.Function<String, T> lookup,
                                 String what) {
        if (names == null) {
            return;
        }
        for (int i = 0; i < names.size(); i++) {
            if (lookup.apply(names.get(i)) == null) {
                throw new HuskException(F + "." + field + "[" + i + "]: unknown " + what + " \"" + names.get(i)
                        + "\"");
            }
        }
    }

    /** Returns whether the rule notifies. */
    private static boolean syscall(Spec.Syscall c, String f) {
        if (c.names() == null || c.names().isEmpty() || c.names().stream().anyMatch(n -> n == null || n.isEmpty())) {
            throw new HuskException(f + ".names: must list syscall names");
        }
        if (SeccompNames.action(c.action()) == null) {
            throw new HuskException(f + ".action: unknown action \"" + c.action() + "\"");
        }
        if (c.errnoRet() != null && !SeccompNames.takesErrno(c.action())) {
            throw new HuskException(f + ".errnoRet: " + c.action() + " takes no errno");
        }
        boolean notify = "SCMP_ACT_NOTIFY".equals(c.action());
        if (notify && c.names().contains("sendmsg")) {
            throw new HuskException(f + ": SCMP_ACT_NOTIFY on sendmsg would stop husk from handing over the"
                    + " notify fd");
        }
        List<Spec.SeccompArg> args = c.args() == null ? List.of() : c.args();
        for (int j = 0; j < args.size(); j++) {
            Spec.SeccompArg a = args.get(j);
            if (a.index() < 0 || a.index() > MAX_ARG) {
                throw new HuskException(f + ".args[" + j + "].index: " + a.index() + " is outside 0.." + MAX_ARG);
            }
            if (SeccompNames.operator(a.op()) == null) {
                throw new HuskException(f + ".args[" + j + "].op: unknown operator \"" + a.op() + "\"");
            }
            if (a.value() == null) {
                throw new HuskException(f + ".args[" + j + "].value: missing");
            }
        }
        return notify;
    }
}
