package org.predspace;

import org.predspace.cli.Cli;
import org.predspace.cli.PredSpaceCommand;
import org.predspace.platform.NativeLibraries;
import org.predspace.platform.TrainingJit;
import org.predspace.ui.GuiCommand;
import org.predspace.ui.figures.RenderCommand;

import java.util.List;

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
        if (args.length > 0 && args[0].equals("train")) TrainingJit.optimiseOnlyOwnCode();   // before the start-up's hot code
        // no arguments, or a single workspace file (the file association), open the window: gui
        boolean window = args.length == 0 || (args.length == 1 && args[0].endsWith(".predspace"));
        String[] command = window ? prepend("gui", args) : args;
        // The commands that need JavaFX (gui, and render from the figures' package) are added here,
        // the one place that sees both: cli must not depend on ui (no JavaFX in the core)
        GuiCommand gui = new GuiCommand();
        // a core command (train, embed, ...) never runs these; their picocli models load JavaFX classes
        List<Object> windowCommands = PredSpaceCommand.isCommand(command[0]) ? List.of() : List.of(new RenderCommand(), gui);
        int code = Cli.run(windowCommands, command);
        if (gui.shown()) return;   // the window has closed: the JVM ends as after any window, when its work is done
        System.exit(code);
    }

    private static String[] prepend(String first, String[] rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
