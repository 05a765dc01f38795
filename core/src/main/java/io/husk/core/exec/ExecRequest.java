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
 * @param caps        {@code --cap}: capabilities added to every set
 * @param tty         {@code --tty}
 * @param console     where the terminal's master goes, or null
 */
public record ExecRequest(String id, String processFile, List<String> args, List<String> env, String cwd,
                          String user, List<String> caps, boolean tty, String pidFile, int preserveFds,
                          ConsoleSocket console) {
}
