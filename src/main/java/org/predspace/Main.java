package org.predspace;

import org.predspace.cli.Cli;
import org.predspace.platform.NativeLibraries;
import org.predspace.ui.UiLauncher;

/**
 * Entry point of the jar. No arguments opens the desktop explorer on the sample runs;
 * {@code gui RUN_DIR...} opens it on those runs, a single {@code FILE.predspace} on that
 * workspace; anything else is the command line (with {@code render}, which draws the
 * explorer's picture offscreen).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        NativeLibraries.prepareForApp();   // the cache folder and OpenBLAS's kernel: before anything loads them
        if (args.length == 0) {
            UiLauncher.launch();
            return;
        }
        if (args.length == 1 && args[0].endsWith(".predspace")) {   // a workspace file (file association)
            UiLauncher.launch(args);
            return;
        }
        if (args[0].equals("gui")) {
            UiLauncher.launch(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        // render needs JavaFX, which the core command line must not import: added here
        System.exit(commandLine(java.util.List.of(new org.predspace.ui.render.RenderCommand()), args));
    }

    /**
     * Runs the command line. Native libraries that cannot be loaded surface as an Error from a
     * static initialiser, which picocli passes on: they end as one line too (NativeLibraries).
     */
    private static int commandLine(java.util.List<?> moreCommands, String... args) {
        try {
            return Cli.run(moreCommands, args);
        } catch (RuntimeException | LinkageError e) {
            if (NativeLibraries.failure().isEmpty()) throw e;
            System.err.println("predspace: " + NativeLibraries.failure().get());
            return Cli.EXIT_FAILURE;
        }
    }
}
