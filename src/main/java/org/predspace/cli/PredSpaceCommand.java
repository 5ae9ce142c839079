package org.predspace.cli;

import picocli.CommandLine.Command;

/** The top-level command; its subcommands are the CLI. */
@Command(name = "predspace", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Train small networks and record their trajectories through prediction space.",
        subcommands = {TrainCommand.class, InfoCommand.class, DatasetsCommand.class, EmbedCommand.class,
                CompareCommand.class, SpectrumCommand.class, SamplesCommand.class, ImportCommand.class,
                LandscapeCommand.class})
public final class PredSpaceCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
