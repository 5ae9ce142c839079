package org.predspace;

import org.predspace.cli.Cli;

/**
 * Entry point of the jar. With arguments it is the command line; the desktop explorer
 * (no arguments) arrives with the UI.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.run(args.length == 0 ? new String[] {"--help"} : args));
    }
}
