package io.husk.cli;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Registers with picocli only the subcommand the arguments invoke (all of them, and {@code help}, for help or
 * for a name that is not one, so picocli can list and suggest). Finding the name needs the global options that
 * take a value; they are read from HuskCommand's own annotations, so there is one list of them.
 */
final class Subcommands {
    private Subcommands() {
    }

    static void register(CommandLine cl, String[] args) {
        String name = invoked(args);
        boolean any = false;
        for (Class<?> c : HuskCommand.SUBCOMMANDS) {
            Command a = c.getAnnotation(Command.class);
            if (name != null && (a.name().equals(name) || Arrays.asList(a.aliases()).contains(name))) {
                cl.addSubcommand(a.name(), c);
                any = true;
            }
        }
        if (!any) {
            for (Class<?> c : HuskCommand.SUBCOMMANDS) {
                cl.addSubcommand(c.getAnnotation(Command.class).name(), c);
            }
            cl.addSubcommand("help", new CommandLine.HelpCommand()); // runc's "help [command]"
        }
    }

    /** The first argument that is neither a global option nor the value of one. */
    static String invoked(String[] args) {
        Set<String> takeValue = optionsWithValues();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("-")) {
                if (takeValue.contains(a)) {
                    i++;
                }
                continue;
            }
            return a;
        }
        return null;
    }

    private static Set<String> optionsWithValues() {
        Set<String> names = new HashSet<>();
        for (Field f : HuskCommand.class.getDeclaredFields()) {
            Option o = f.getAnnotation(Option.class);
            if (o != null && f.getType() != boolean.class) {
                names.addAll(Arrays.asList(o.names()));
            }
        }
        return names;
    }
}
