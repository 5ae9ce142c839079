package org.predspace.cli;

import picocli.CommandLine.Command;

import java.util.List;

/**
 * The top-level command; its subcommands are the CLI. They are listed in {@link #COMMANDS}, not in
 * the annotation, so that {@link Cli} can build the picocli model of only the one that runs.
 */
@Command(name = "predspace", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Train small networks and record their trajectories through prediction space.")
public final class PredSpaceCommand implements Runnable {
    /** The core subcommands, in the order the help lists them. */
    static final List<Class<?>> COMMANDS = List.of(TrainCommand.class, InfoCommand.class, DatasetsCommand.class,
            EmbedCommand.class, CompareCommand.class, SpectrumCommand.class, SamplesCommand.class, ImportCommand.class,
            LandscapeCommand.class);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Whether {@code name} is one of the core subcommands (read from their annotations: no model is built). */
    public static boolean isCommand(String name) {
        return command(name) != null;
    }

    /** The core subcommand called {@code name}, or null. */
    static Class<?> command(String name) {
        for (Class<?> c : COMMANDS) {
            if (c.getAnnotation(Command.class).name().equals(name)) return c;
        }
        return null;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
