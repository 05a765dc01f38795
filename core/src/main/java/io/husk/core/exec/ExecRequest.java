package io.husk.core.exec;

import io.husk.core.lifecycle.ConsoleSocket;
import java.util.List;

/**
 * The arguments of {@code exec}.
 *
 * @param processFile {@code --process}: a JSON process object that replaces the config's, or null
 * @param args        the command and its arguments (unless processFile)
 * @param env         {@code --env KEY=VALUE}, added to (or replacing in) the process's env
 * @param cwd         {@code --cwd}, or null for the process's
 * @param user        {@code --user uid[:gid]} or names from the container's /etc/passwd and /etc/group, or null
 * @param caps        {@code --cap}: capabilities added to the bounding, effective and permitted sets
 * @param tty         {@code --tty}
 * @param console     where the terminal's master goes, or null
 * @param security    the flags that set the process's security attributes
 * @param ignorePaused {@code --ignore-paused}: exec into a paused container too (the process waits, frozen)
 */
public record ExecRequest(String id, String processFile, List<String> args, List<String> env, String cwd,
                          String user, List<String> caps, boolean tty, String pidFile, int preserveFds,
                          ConsoleSocket console, Security security, boolean ignorePaused) {
    public ExecRequest(String id, String processFile, List<String> args, List<String> env, String cwd, String user,
                       List<String> caps, boolean tty, String pidFile, int preserveFds, ConsoleSocket console) {
        this(id, processFile, args, env, cwd, user, caps, tty, pidFile, preserveFds, console, Security.NONE, false);
    }

    /**
     * runc's exec flags for the process's security: each replaces the process's own value when given.
     *
     * @param additionalGids  {@code --additional-gids}: appended to the user's additional groups
     * @param noNewPrivileges {@code --no-new-privs}: sets process.noNewPrivileges
     * @param apparmorProfile {@code --apparmor}, or null
     * @param processLabel    {@code --process-label}: the SELinux label, or null
     */
    public record Security(List<Long> additionalGids, boolean noNewPrivileges, String apparmorProfile,
                           String processLabel) {
        public static final Security NONE = new Security(List.of(), false, null, null);
    }
}
