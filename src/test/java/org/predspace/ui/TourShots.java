package org.predspace.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.stage.Stage;
import org.predspace.data.DatasetCatalog;
import org.predspace.runs.RunFolders;
import org.predspace.session.ExplorerSession;
import org.predspace.training.engine.NativeBackend;
import org.predspace.ui.chapters.Chapter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Photographs the lecture tour on the X screen, to judge it as a projector shows it: a folder of
 * runs with two chapters written here, the window with the caption, then presentation mode on
 * chapter 2 (caption and two panels beside the picture), light and dark. Arguments: RUNS_DIR
 * OUT_DIR. Run under xvfb-run -s "-screen 0 1600x1000x24" with -Dprism.forceGPU=true.
 */
public final class TourShots extends Application {
    public static final class Launcher {
        public static void main(String[] args) { Application.launch(TourShots.class, args); }
    }

    private ExplorerModel model;

    @Override
    public void start(Stage stage) throws Exception {
        NativeBackend.configure();
        Path runs = Path.of(getParameters().getRaw().get(0)), out = Path.of(getParameters().getRaw().get(1));
        Files.createDirectories(out);
        model = new ExplorerModel(ExplorerSession.withDefaults(), new DatasetCatalog(), Files.createTempDirectory("tour-shots"));
        MainWindow window = ExplorerWindows.build(stage, model);
        stage.setWidth(1600);
        stage.setHeight(1000);
        stage.show();
        List<Path> dirs = RunFolders.find(runs);
        model.openRuns(dirs);
        model.setChapters(List.of(
                new Chapter("Training is a path from ignorance to truth", "Each run starts at the uniform prediction"
                        + " (ignorance) and moves towards the labels (truth); press Play to watch them go.",
                        "Mao et al., PNAS 2024 [A]", CameraPose.DEFAULT, Colouring.ARCHITECTURE, ExplorerSession.Probe.TRAINING,
                        new int[] {0, 1, 2}, Long.MAX_VALUE, true, List.of(), List.of("Curves"), Set.of(), null, false),
                new Chapter("Many networks, one low-dimensional manifold", "Four architectures, two optimisers and three"
                        + " seeds each: the paths lie close to one surface. Three axes explain most of the stress (right),"
                        + " and the dendrogram groups the runs by architecture.", "Mao et al., PNAS 2024 [A]",
                        new CameraPose(-30, 20, 0, 0, 1300), Colouring.ARCHITECTURE, ExplorerSession.Probe.TRAINING,
                        new int[] {0, 1, 2}, Long.MAX_VALUE, true, List.of(), List.of("Compare", "Dimensions"), Set.of(), null, false)));
        ScreenshotTour.waitUntil(() -> model.runs().size() == dirs.size() && model.tasks().running().isEmpty()
                && model.picture().frame().size() > 2, () -> {
            window.tour().show(1);
            ScreenshotTour.later(4, () -> shoot(window, out.resolve("tour-window.png"), () -> {
                window.setPresenting(true);
                ScreenshotTour.later(6, () -> ScreenshotTour.waitUntil(() -> model.tasks().running().isEmpty(),
                        () -> ScreenshotTour.later(2, () -> shoot(window, out.resolve("tour-presentation.png"), () -> {
                            model.useDarkTheme(true);
                            ScreenshotTour.later(3, () -> shoot(window, out.resolve("tour-presentation-dark.png"), Platform::exit));
                        }))));
            }));
        });
    }

    private static void shoot(MainWindow window, Path file, Runnable next) {
        Bounds area = window.scene().getRoot().localToScreen(window.scene().getRoot().getLayoutBounds());
        Thread t = new Thread(() -> {
            try {
                XScreen.capture(area, file);
                System.out.println("wrote " + file);
            } catch (Exception e) {
                System.err.println("no capture of " + file + ": " + e);
            }
            Platform.runLater(next);
        }, "tour-shot");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void stop() { model.shutdown(); }
}
