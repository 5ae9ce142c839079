package org.predspace.ui;

import javafx.application.Application;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.predspace.data.DatasetCatalog;
import org.predspace.runs.RunFolders;
import org.predspace.session.ExplorerSession;
import org.predspace.training.NativeBackend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The desktop explorer. Started by {@link UiLauncher} (JavaFX on the class path needs a main
 * class that is not an Application). Opens the runs named on the command line, else the
 * built-in sample runs, else shows the "train a demo sweep" card.
 */
public final class PredSpaceApp extends Application {
    private ExplorerModel model;
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        model = new ExplorerModel(ExplorerSession.withDefaults(), new DatasetCatalog(), trainingOutput());
        // ND4J's natives take seconds to load: in the background, so the window appears at once
        // and the first training or spectrum does not pay for it while someone is watching
        model.tasks().submit("Loading the training engine", () -> {
            NativeBackend.configure();
            return null;
        }, x -> {});
        window = ExplorerWindows.build(stage, model);
        stage.show();
        if (!Platform.isSupported(ConditionalFeature.SCENE3D)) {
            model.reportProblem("This graphics stack cannot draw 3D (JavaFX reports no SCENE3D support), so the picture"
                    + " stays empty. On a virtual display start with -Dprism.forceGPU=true.");
        }
        openInitialRuns(getParameters().getRaw());
    }

    private void openInitialRuns(List<String> args) {
        List<Path> dirs = new ArrayList<>();
        try {
            if (!args.isEmpty()) {
                for (String a : args) dirs.addAll(expandOrWarn(Path.of(a)));
            } else {
                SampleRuns.locate().ifPresent(p -> dirs.addAll(expandOrWarn(p)));
            }
        } catch (RuntimeException e) {
            model.reportProblem(e.getMessage());
        }
        if (!dirs.isEmpty()) model.openRuns(dirs);
    }

    private List<Path> expandOrWarn(Path p) {
        try {
            List<Path> runs = RunFolders.find(p);
            if (runs.isEmpty()) model.reportProblem(p + ": no run folders there (a run folder has a run.json)");
            return runs;
        } catch (IOException e) {
            model.reportProblem(p + ": cannot be read (" + e.getMessage() + ")");
            return List.of();
        }
    }

    /** -Dpredspace.runs, else ~/PredSpace/runs: where runs trained in the app are saved. */
    static Path trainingOutput() {
        String p = System.getProperty("predspace.runs");
        return p != null ? Path.of(p) : Path.of(System.getProperty("user.home"), "PredSpace", "runs");
    }

    @Override
    public void stop() {
        if (model != null) model.shutdown();
    }

}
