package io.husk.cli;

import io.husk.core.HuskException;
import io.husk.core.log.Log;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/** husk's entry point: runc's command line. Errors become one line on stderr (and the log), never a trace. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Integer quick = FrequentCommands.run(args);
        if (quick != null) {
            halt(quick);
        }
        System.exit(run(args));
    }

    /**
     * Ends a frequent command without {@link System#exit}: since JDK 21, exit asks a System.Logger whether to
     * log the call, and finding the logger backend reads the service files of every jar on the class path,
     * about a third of such a command's time. Those commands register no shutdown hooks and their output
     * streams flush here.
     */
    private static void halt(int code) {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }

    public static int run(String[] args) {
        Integer quick = FrequentCommands.run(args);
        if (quick != null) {
            return quick;
        }
        CommandLine cl = new CommandLine(new HuskCommand());
        Subcommands.register(cl, args);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        if (cl.getSubcommands().containsKey("exec")) {
            cl.getSubcommands().get("exec").setStopAtPositional(true); // runc: what follows the id is the command
        }
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> fail(e));
        // picocli prints the usage for "checkpoint --help" even though husk has no checkpoint; engines probe a
        // runtime's features that way (podman runs "<runtime> checkpoint --help"), so that is an unknown command.
        cl.setExecutionStrategy(parsed -> {
            if (parsed.isUsageHelpRequested() && !parsed.unmatched().isEmpty()) {
                throw new CommandLine.UnmatchedArgumentException(cl, parsed.unmatched());
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setParameterExceptionHandler((e, a) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("husk: " + message(e));
            err.println("Try 'husk " + (e.getCommandLine().getCommandName().equals("husk") ? ""
                    : e.getCommandLine().getCommandName() + " ") + "--help' for more information.");
            err.flush();
            return 2;
        });
        return cl.execute(args);
    }

    /** picocli's words, except for a command husk does not have: said as such, with the near ones. */
    private static String message(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException u && e.getCommandLine().getParent() == null
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            String command = u.getUnmatched().get(0);
            if (command.equals("checkpoint") || command.equals("restore")) {
                return command + ": not implemented by husk (it has no CRIU support)";
            }
            String m = "unknown command \"" + command + "\"";
            List<String> near = u.getSuggestions();
            return near.isEmpty() ? m : m + " (did you mean " + String.join(" or ", near) + "?)";
        }
        return e.getMessage();
    }

    static int fail(Exception e) {
        if (e instanceof HuskException he) {
            report(he.getMessage());
            return he.exitCode();
        }
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        report(msg);
        if (Log.debugEnabled()) {
            e.printStackTrace();
        }
        return 1;
    }

    private static void report(String msg) {
        Log.error(msg);
        if (Log.toFile()) {
            System.err.println("husk: " + msg);
        }
        System.err.flush();
    }
}
