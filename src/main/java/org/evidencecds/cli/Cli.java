package org.evidencecds.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Root of the command line interface. Every subcommand has {@code --help}; bad usage exits with 2.
 * Subcommands are registered here so that {@code --help} lists them all.
 */
@Command(name = "evidence-cds",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Evidence-based decision support for cell therapy in diabetes.",
                "Without a command the jar starts the web application (also: 'serve')."},
        subcommands = {CommandLine.HelpCommand.class})
public final class Cli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    /** Runs the CLI and returns the process exit code (0 ok, 1 failure, 2 bad usage or bad input). */
    public static int run(String[] args) {
        // reports are UTF-8 text (≥, ², −) whatever the platform's default encoding
        return run(args, new PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true),
                new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(args.length == 0 ? null : args[0]);
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } finally {
            // an auto-flushing PrintWriter flushes on println only: a report written with print() would stay
            // in the buffer, and Main's System.exit would drop it (output cut at 16,384 bytes)
            out.flush();
            err.flush();
        }
    }

    /** The command line with every subcommand (for help listings and usage errors). */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command line for a run whose first argument is {@code first}: with only that subcommand when it
     * names one (picocli reads the annotations of every subcommand it is given, and a one-shot command needs
     * only its own), with all of them otherwise, so that help, version, a missing or an unknown command (with
     * its suggestions) read as before.
     */
    static CommandLine commandLine(String first) {
        CommandLine cl = new CommandLine(new Cli());
        java.util.Map<String, java.util.function.Supplier<Object>> commands = Commands.byName();
        java.util.Collection<java.util.function.Supplier<Object>> wanted = first != null && commands.containsKey(first)
                ? java.util.List.of(commands.get(first)) : commands.values();
        for (java.util.function.Supplier<Object> made : wanted) {
            Object sub = made.get();
            cl.addSubcommand(sub);
            if (sub instanceof ProfileOptions.TakesProfile) {
                CommandLine added = cl.getSubcommands().values().stream().filter(c -> c.getCommand() == sub).findFirst().orElseThrow();
                ProfileOptions.Add.to(added.getCommandSpec());
            }
        }
        cl.setExecutionExceptionHandler(new ErrorHandler());
        return cl;
    }
}
