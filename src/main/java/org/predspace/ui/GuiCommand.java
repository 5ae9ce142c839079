package org.predspace.ui;

import org.predspace.runs.FailureText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code gui}: opens the explorer window (also what no arguments, or a single workspace file,
 * do). A picocli command like the others, so {@code gui --help} is answered without a display,
 * and a missing or unreachable display ends in one line saying how to get one instead of
 * JavaFX's stack trace. It lives in the UI layer because it needs JavaFX;
 * {@code org.predspace.Main} adds it to the command line.
 */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = {"Open the explorer window: on the sample runs (no arguments), on the given",
                "run folders or folders of runs, or on a workspace file (FILE.predspace);",
                "--follow DIR shows runs other processes write into DIR as they train.",
                "Needs a display; on a machine without one use a virtual display:",
                "  xvfb-run -a -s \"-screen 0 1600x1000x24\" \\",
                "    java -Dprism.forceGPU=true -jar predspace.jar gui RUN_DIR..."})
public final class GuiCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR|FILE.predspace", arity = "0..*",
            description = "run folders, folders of runs, or one workspace file")
    List<String> paths = new ArrayList<>();

    @Option(names = "--follow", paramLabel = "DIR",
            description = {"follow DIR: the runs in it, and runs and checkpoints that other processes",
                    "(cluster tasks, a training script using docs/examples/torch_logger.py) write there",
                    "later, appear as they are committed; File > Stop following ends it"})
    String follow;

    private volatile boolean shown;

    /**
     * Opens the window and returns when it closes.
     *
     * @throws IllegalStateException in one line when there is no display or JavaFX cannot open one
     */
    @Override
    public Integer call() {
        UiLauncher.requireDisplay("the explorer", "gui ...");
        try {
            List<String> args = new ArrayList<>(paths);
            if (follow != null) args.add(0, PredSpaceApp.FOLLOW + follow);
            UiLauncher.launch(args.toArray(String[]::new));
        } catch (RuntimeException | LinkageError e) {   // e.g. "Unable to open DISPLAY": a display named but not there
            throw new IllegalStateException("the explorer could not open its window (" + FailureText.describe(e) + "); "
                    + UiLauncher.VIRTUAL_DISPLAY + " gui ...", e);
        }
        shown = true;
        return 0;
    }

    /** Whether the window was shown (and has closed): the JVM then ends as a window's does, not by an exit code. */
    public boolean shown() { return shown; }
}
