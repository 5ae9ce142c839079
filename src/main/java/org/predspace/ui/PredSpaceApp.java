package org.predspace.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.predspace.data.DatasetCatalog;
import org.predspace.platform.BackgroundPriority;
import org.predspace.platform.NativeLibraries;
import org.predspace.session.ExplorerSession;
import org.predspace.training.engine.NativeBackend;
import org.predspace.ui.workspace.WorkspaceFile;

import java.awt.Desktop;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The desktop explorer. Started by {@link UiLauncher} (JavaFX on the class path needs a main
 * class that is not an Application). Opens the workspace file or the runs named on the command
 * line, else the built-in sample runs, else shows the "train a demo sweep" card.
 */
public final class PredSpaceApp extends Application {
    private ExplorerModel model;
    private MainWindow window;

    /** The argument {@link GuiCommand} passes for {@code --follow DIR}: this prefix, then DIR. */
    static final String FOLLOW = "--follow=";

    @Override
    public void start(Stage stage) {
        OpenProbe.phase("JavaFX started");
        model = new ExplorerModel(ExplorerSession.withDefaults(), new DatasetCatalog(), trainingOutput());
        List<String> args = new ArrayList<>(getParameters().getRaw());
        String follow = args.stream().filter(a -> a.startsWith(FOLLOW)).findFirst().map(a -> a.substring(FOLLOW.length())).orElse(null);
        args.removeIf(a -> a.startsWith(FOLLOW));
        boolean workspace = args.size() == 1 && args.get(0).endsWith(WorkspaceFile.EXTENSION);
        // the runs are read while the window is built (a second core has nothing else to do then)
        if (follow != null) {
            followFromStart(follow, args);
        } else if (!workspace) {
            openInitialRuns(args);
        }
        window = ExplorerWindows.build(stage, model);
        stage.show();
        NativeLibraries.whenFailed(reason -> Platform.runLater(() -> NativesUnavailable.show(stage, reason)));
        if (workspace) {
            loadTrainingEngine();
            window.workspace().open(Path.of(args.get(0)));
        }
        acceptOpenFileEvents();
    }

    /**
     * ND4J's natives take seconds to load (and to unpack, the first time): in the background, so
     * the window appears at once and the first training or spectrum does not pay for it while
     * someone is watching. (OpenBLAS, which the picture needs, started loading in UiLauncher.)
     */
    private void loadTrainingEngine() {
        NativeLibraries.startLoading();
        model.tasks().submit("Loading the training engine", () -> {
            BackgroundPriority.lowerCompilersAndConcurrentGc();
            try {
                NativeLibraries.require();
            } catch (NativeLibraries.Unavailable e) {
                return null;   // the window says why, once (NativesUnavailable)
            }
            NativeBackend.configure();
            OpenProbe.phase("training engine loaded");
            return null;
        }, x -> {});
    }

    /** The run folders named on the command line, else the built-in sample runs; a folder's chapters.json with them. */
    private void openInitialRuns(List<String> args) {
        List<Path> folders = new ArrayList<>();
        try {
            if (!args.isEmpty()) {
                for (String a : args) folders.add(Path.of(a));
            } else {
                SampleRuns.locate().ifPresent(folders::add);
            }
        } catch (RuntimeException e) {   // a path the platform cannot parse
            model.reportProblem(e.getMessage());
        }
        // the training engine loads once the picture is drawn (or after 10 s): its class loading
        // beside the first frames put seconds between the window and the picture on two cores
        if (folders.isEmpty()) loadTrainingEngine(); else InitialRuns.open(model, () -> window, folders, this::loadTrainingEngine);
    }

    /**
     * {@code gui --follow DIR [RUN_DIR...]}: the named runs (not the sample runs) and the followed
     * folder's runs, which the follower opens itself.
     */
    private void followFromStart(String folder, List<String> args) {
        try {
            model.follow(Path.of(folder));
        } catch (RuntimeException e) {   // a path the platform cannot parse
            model.reportProblem("Cannot follow " + folder + ": " + e.getMessage());
        }
        if (args.isEmpty()) loadTrainingEngine(); else openInitialRuns(args);
    }

    /**
     * macOS hands a double-clicked workspace file to a running app as an event, not as an
     * argument; take it there. Not on other systems: there the file arrives as an argument, and
     * starting AWT beside JavaFX for nothing only costs start-up time. (Untested here: no Mac.)
     */
    private void acceptOpenFileEvents() {
        if (!System.getProperty("os.name", "").startsWith("Mac")) return;
        try {
            Desktop desktop = Desktop.getDesktop();
            if (!desktop.isSupported(Desktop.Action.APP_OPEN_FILE)) return;
            desktop.setOpenFileHandler(e -> e.getFiles().stream()
                    .filter(f -> f.getName().endsWith(WorkspaceFile.EXTENSION))
                    .forEach(f -> Platform.runLater(() -> window.workspace().open(f.toPath()))));
        } catch (RuntimeException | LinkageError e) {
            model.reportProblem("Workspace files opened from the Finder cannot reach PredSpace: " + e.getMessage());
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
