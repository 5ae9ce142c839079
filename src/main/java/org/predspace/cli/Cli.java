package org.predspace.cli;

import org.predspace.platform.JobFailure;
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

    /** As {@link #run(String...)}, with {@code moreCommands} (picocli commands from outside the core, e.g. render) added. */
    public static int run(List<?> moreCommands, String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true), moreCommands).execute(args);
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
        CommandLine cl = new CommandLine(new PredSpaceCommand());
        for (Object c : moreCommands) cl.addSubcommand(c);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("predspace: " + ex.getMessage()
                    + " (see: predspace " + ex.getCommandLine().getCommandName().replace("predspace", "").trim() + " --help)");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("predspace: " + describe(ex));
            return EXIT_FAILURE;
        });
        // picocli lets errors (a native library that failed to load, out of memory) out of execute,
        // past the handler above: they end here as one line and a failure's exit code too, so that
        // the caller's System.exit runs (render's JavaFX thread would otherwise keep the JVM alive)
        cl.setExecutionStrategy(parseResult -> {
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } catch (Error e) {
                parseResult.commandSpec().commandLine().getErr().println("predspace: " + JobFailure.describe(e));
                return EXIT_FAILURE;
            }
        });
        return cl;
    }

    /**
     * The message of a failure in plain words, with the cause's message where the outer one says
     * nothing new (also the UI's wording for file errors).
     */
    public static String describe(Throwable ex) {
        String m = ex.getMessage();
        if (m == null || m.isBlank()) {
            return ex.getCause() != null ? describe(ex.getCause()) : ex.getClass().getSimpleName();
        }
        if (ex instanceof java.nio.file.NoSuchFileException) return "no such file or folder: " + m;
        if (ex instanceof java.nio.file.AccessDeniedException) return "permission denied: " + m;
        return m;
    }
}
