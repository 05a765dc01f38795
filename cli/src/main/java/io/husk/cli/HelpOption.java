package io.husk.cli;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help} on every subcommand, as runc has: the command's usage, exit status 0. */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
