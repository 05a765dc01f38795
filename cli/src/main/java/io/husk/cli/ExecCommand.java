package io.husk.cli;

import io.husk.core.HuskException;
import io.husk.core.exec.ExecRequest;
import io.husk.core.exec.Executor;
import io.husk.core.lifecycle.ConsoleSocket;
import io.husk.nativeinit.ConsoleSockets;
import io.husk.nativeinit.Supervisor;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Runs another process in a running container. In the foreground this JVM replaces itself with husk-init's
 * supervisor once the process is set up, which waits for it, forwards signals or relays its terminal, and
 * exits with its status. Options go before the container id; everything after the id is the command.
 */
@Command(name = "exec", description = "Run a process in a running container.")
final class ExecCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    HuskCommand parent;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "<container-id>", description = "The container's id.")
    String id;

    @Parameters(index = "1..*", paramLabel = "<command>", description = "The command and its arguments.")
    List<String> command = new ArrayList<>();

    @Option(names = {"--process", "-p"}, paramLabel = "<file>", description = "An OCI process JSON file to run"
            + " instead of a command. Its env replaces the container's (HOME is added); what it leaves out of"
            + " capabilities, noNewPrivileges, rlimits and labels is the container's.")
    String processFile;

    @Option(names = {"--tty", "-t"}, description = "Give the process a terminal.")
    boolean tty;

    @Option(names = {"--detach", "-d"}, description = "Return once the process runs.")
    boolean detach;

    @Option(names = "--pid-file", paramLabel = "<file>", description = "Write the process's pid to this file.")
    String pidFile;

    @Option(names = "--console-socket", paramLabel = "<path>", description = "Unix socket that receives the"
            + " terminal's master (with --tty).")
    String consoleSocket;

    @Option(names = "--preserve-fds", description = "Pass this many fds after stdio into the process.",
            defaultValue = "0")
    int preserveFds;

    @Option(names = {"--cap", "-c"}, paramLabel = "<cap>", description = "Add a capability to the bounding,"
            + " effective and permitted sets (repeatable).")
    List<String> caps = new ArrayList<>();

    @Option(names = {"--additional-gids", "-g"}, paramLabel = "<gid>", split = ",", description = "Add a"
            + " supplementary group to the process's user (repeatable).")
    List<Long> additionalGids = new ArrayList<>();

    @Option(names = "--no-new-privs", description = "Set no_new_privs on the process.")
    boolean noNewPrivs;

    @Option(names = "--apparmor", paramLabel = "<profile>", description = "Run under this AppArmor profile.")
    String apparmor;

    @Option(names = "--process-label", paramLabel = "<label>", description = "Run with this SELinux label.")
    String processLabel;

    @Option(names = "--ignore-paused", description = "Exec into a paused container too; the process waits,"
            + " frozen, until resume.")
    boolean ignorePaused;

    /** The husk side of the terminal relay a foreground exec without a console socket hands to the supervisor. */
    private int relayFd = -1;

    @Option(names = {"--user", "-u"}, paramLabel = "<uid[:gid]>", description = "User (and group), as numbers"
            + " or names from the container's /etc/passwd and /etc/group.")
    String user;

    @Option(names = "--cwd", paramLabel = "<dir>", description = "Working directory in the container.")
    String cwd;

    @Option(names = {"--env", "-e"}, paramLabel = "<KEY=VALUE>", description = "Set an environment variable"
            + " (repeatable).")
    List<String> env = new ArrayList<>();

    /** Every failure before the process runs exits 255, as runc's exec does; the process's own status is 0..255. */
    @Override
    public Integer call() {
        int pid;
        try {
            pid = start();
        } catch (HuskException e) {
            throw new HuskException(e.getMessage(), Executor.FAILED_STATUS);
        }
        if (detach) {
            return 0;
        }
        System.out.flush();
        System.err.flush();
        throw new HuskException("exec: " + Supervisor.become(pid, relayFd, List.of()).getMessage());
    }

    private int start() {
        if (preserveFds < 0) {
            throw new HuskException("--preserve-fds: must not be negative");
        }
        if (processFile == null && command.isEmpty()) {
            throw new HuskException("exec: give a command after the container id, or --process");
        }
        if (processFile != null && !command.isEmpty()) {
            throw new HuskException("exec: --process and a command exclude each other");
        }
        if (tty && detach && consoleSocket == null) {
            throw new HuskException("--tty with --detach needs --console-socket to send the terminal to");
        }
        boolean relay = !detach && consoleSocket == null;
        int[] pair = relay ? Consoles.relayPair() : null;
        ConsoleSocket console = consoleSocket != null ? Consoles.connect(consoleSocket)
                : relay ? new ConsoleSocket(pair[0], true) : null;
        ExecRequest.Security security = new ExecRequest.Security(additionalGids, noNewPrivs, apparmor, processLabel);
        int pid = parent.husk().containers().executor().exec(new ExecRequest(id, processFile, command, env, cwd,
                user, caps, tty, pidFile, preserveFds, console, security, ignorePaused));
        if (relay) {
            ConsoleSockets.close(pair[0]);
            relayFd = pair[1];
        }
        return pid;
    }
}
