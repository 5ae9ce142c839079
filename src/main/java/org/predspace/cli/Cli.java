package org.predspace.cli;

import org.predspace.platform.JobFailure;
import org.predspace.runs.FailureText;
import org.predspace.runs.InputText;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.List;

/**
 * Runs the command line. Every user error ends as one line on stderr and a non-zero exit
 * code (2 for bad arguments, 1 for a failure while working); never a stack trace.
 */
public final class Cli {
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    private Cli() {}

    public static int run(String... args) {
        return run(List.of(), args);
    }

    /**
     * As {@link #run(String...)}, with {@code moreCommands} (picocli commands from outside the core,
     * e.g. render) added. When the first argument names a core command, only that command's model is
     * built: picocli builds each model by reflection over its options, and a {@code train} would
     * otherwise pay ~0.1-0.2 s of CPU for commands that do not run. Anything else (help, version,
     * an unknown or misspelt command, a command from {@code moreCommands}) gets every command, so that
     * usage and suggestions list them all.
     */
    public static int run(List<?> moreCommands, String... args) {
        return commandLineFor(new PrintWriter(System.out, true), new PrintWriter(System.err, true), moreCommands, args).execute(args);
    }

    /** The command line that {@link #run(List, String...)} executes {@code args} with. */
    static CommandLine commandLineFor(PrintWriter out, PrintWriter err, List<?> moreCommands, String... args) {
        Class<?> only = args.length > 0 ? PredSpaceCommand.command(args[0]) : null;
        return only == null ? commandLine(out, err, moreCommands) : commandLine(out, err, List.of(only), List.of());
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, List.of());
    }

    /**
     * The command line with {@code moreCommands} added as subcommands: commands that need
     * JavaFX live in the UI layer, which this package must not import (ArchitectureTest).
     * They are added before the output and error handling is set, so they follow it too.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, List<?> moreCommands) {
        return commandLine(out, err, PredSpaceCommand.COMMANDS, moreCommands);
    }

    /** The command line with {@code coreCommands} (some or all of PredSpaceCommand's), then {@code moreCommands}. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, List<Class<?>> coreCommands, List<?> moreCommands) {
        CommandLine cl = new CommandLine(new PredSpaceCommand());
        for (Class<?> c : coreCommands) cl.addSubcommand(c);
        for (Object c : moreCommands) cl.addSubcommand(c);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("predspace: " + InputText.escape(ex.getMessage())
                    + " (see: predspace " + ex.getCommandLine().getCommandName().replace("predspace", "").trim() + " --help)");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("predspace: " + FailureText.describe(ex));
            return EXIT_FAILURE;
        });
        // picocli lets errors (a native library that failed to load, out of memory) out of execute,
        // past the handler above: they end here as one line and a failure's exit code too, so that
        // the caller's System.exit runs (render's JavaFX thread would otherwise keep the JVM alive)
        cl.setExecutionStrategy(parseResult -> {
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } catch (Error e) {
                parseResult.commandSpec().commandLine().getErr().println("predspace: " + InputText.escape(JobFailure.describe(e)));
                return EXIT_FAILURE;
            }
        });
        return cl;
    }

    /**
     * A bad argument found while a command checks its options (a value out of range, a name that
     * is no name, options that contradict each other): exit code 2 and a pointer to --help, as for
     * the errors picocli finds itself. Commands check every option this way before they read or
     * write anything, so that 1 always means a failure while working.
     */
    static CommandLine.ParameterException usage(CommandLine commandLine, String message) {
        return new CommandLine.ParameterException(commandLine, message);
    }

    /** As {@link #usage(CommandLine, String)}, for a value a core class refused. */
    static CommandLine.ParameterException usage(CommandLine commandLine, IllegalArgumentException refused) {
        return new CommandLine.ParameterException(commandLine, refused.getMessage(), refused);
    }
}
