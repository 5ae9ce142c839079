package org.predspace.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import org.predspace.data.DatasetCatalog;
import org.predspace.runs.RunFolders;
import org.predspace.session.ExplorerSession;
import org.predspace.training.engine.NativeBackend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Puts the real main window's Spectrum tab in the states the README describes, for an X
 * screen capture from outside (the window's own snapshot would not show what the screen shows):
 * opens RUNS_DIR, selects run RUN, clicks "Initialisation vs this checkpoint" with the spectra
 * divided by their largest, prints "SHOT rank" when computed; then shows the histogram and the
 * density, prints "SHOT histogram", and waits for a line on stdin before the next state or exit.
 * Arguments: RUNS_DIR RUN.
 */
public final class SpectrumTour extends Application {
    private static void later(double seconds, Runnable r) { ScreenshotTour.later(seconds, r); }

    private static void waitUntil(BooleanSupplier ready, Runnable then) { ScreenshotTour.waitUntil(ready, then); }

    public static final class Launcher {
        public static void main(String[] args) { Application.launch(SpectrumTour.class, args); }
    }

    private ExplorerModel model;
    private MainWindow window;

    @Override
    public void start(Stage stage) throws Exception {
        NativeBackend.configure();
        List<String> args = getParameters().getRaw();
        List<Path> dirs = RunFolders.find(Path.of(args.get(0)));
        String run = args.get(1);
        model = new ExplorerModel(ExplorerSession.withDefaults(), new DatasetCatalog(), Files.createTempDirectory("spectrum-tour"));
        window = ExplorerWindows.build(stage, model);
        stage.setWidth(1600);
        stage.setHeight(1000);
        stage.show();
        model.openRuns(dirs);
        waitUntil(() -> model.runs().size() == dirs.size() && model.tasks().running().isEmpty()
                && model.run(run) != null && !model.run(run).state().metrics().isEmpty(), () -> {
            for (Tab t : window.panels().getTabs()) if ("tab-spectrum".equals(t.getId())) window.panels().getSelectionModel().select(t);
            model.selectRun(model.run(run));
            Node panel = window.scene().getRoot();
            ((CheckBox) panel.lookup("#spectrum-kind-efim")).setSelected(true);
            ((CheckBox) panel.lookup("#spectrum-normalised")).setSelected(true);
            later(1, () -> {
                ((Button) panel.lookup("#spectrum-init")).fire();
                later(2, () -> waitUntil(() -> model.tasks().running().isEmpty(), () -> later(2, () -> {
                    shot("rank", () -> {
                        @SuppressWarnings("unchecked")
                        ChoiceBox<Object> plot = (ChoiceBox<Object>) panel.lookup("#spectrum-plot");
                        plot.setValue(plot.getItems().get(1));
                        ((CheckBox) panel.lookup("#spectrum-kind-efim")).setSelected(false);
                        ((CheckBox) panel.lookup("#spectrum-kind-density")).setSelected(true);
                        later(2, () -> waitUntil(() -> model.tasks().running().isEmpty(),
                                () -> later(2, () -> shot("histogram", Platform::exit))));
                    });
                })));
            });
        });
    }

    /** Says the screen is ready and waits (off the JavaFX thread) for the capture to be taken. */
    private static void shot(String name, Runnable next) {
        System.out.println("SHOT " + name);
        System.out.flush();
        Thread reader = new Thread(() -> {
            try {
                System.in.read();
            } catch (IOException ignored) {
                // stdin closed: go on
            }
            Platform.runLater(next);
        }, "spectrum-tour-wait");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public void stop() { model.shutdown(); }
}
