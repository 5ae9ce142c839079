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
            launchWindow();
            return;
        }
        if (args.length == 1 && args[0].endsWith(".predspace")) {   // a workspace file (file association)
            launchWindow(args);
            return;
        }
        if (args[0].equals("gui")) {
            launchWindow(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        // render needs JavaFX, which the core command line must not import: added here
        int exit;
        try {
            exit = Cli.run(java.util.List.of(new org.predspace.ui.render.RenderCommand()), args);
        } catch (RuntimeException | LinkageError e) {
            // natives that cannot be loaded surface as an Error from a static initialiser: one line
            if (NativeLibraries.failure().isEmpty()) throw e;
            System.err.println("predspace: " + NativeLibraries.failure().get());
            exit = Cli.EXIT_FAILURE;
        }
        System.exit(exit);
    }

    /** The window nearly always needs the natives soon: they load while it opens. */
    private static void launchWindow(String... args) {
        NativeLibraries.startLoading();
        UiLauncher.launch(args);
    }
}
