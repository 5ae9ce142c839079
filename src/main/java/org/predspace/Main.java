package org.predspace;

import org.predspace.cli.Cli;
import org.predspace.platform.JavaCppCache;
import org.predspace.ui.UiLauncher;

/**
 * Entry point of the jar. No arguments opens the desktop explorer on the sample runs;
 * {@code gui RUN_DIR...} opens it on those runs; anything else is the command line.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        JavaCppCache.useUserDataDirectory();   // before anything loads ND4J's natives
        if (args.length == 0) {
            UiLauncher.launch();
            return;
        }
        if (args[0].equals("gui")) {
            UiLauncher.launch(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(Cli.run(args));
    }
}
