package org.predspace.ui;

import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Tab;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import org.predspace.data.DatasetCatalog;
import org.predspace.runs.RunFolders;
import org.predspace.session.ExplorerSession;
import org.predspace.session.PictureFrame;
import org.predspace.session.PointInfo;
import org.predspace.training.engine.NativeBackend;
import org.predspace.ui.chapters.ChapterFile;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Regenerates docs/screenshots: opens a folder of runs in the real main window, then takes
 * the README's pictures from the X screen: with the folder's chapters (the built-in lecture),
 * chapter by chapter and each in presentation mode; without, the sweep light and dark, a
 * selected checkpoint with its spectrum, the compare panel. Run by scripts/screenshots.sh under Xvfb. Arguments: RUNS_DIR OUT_DIR.
 */
public final class ScreenshotTour extends Application {
    public static final class Launcher {
        public static void main(String[] args) { Application.launch(ScreenshotTour.class, args); }
    }

    private ExplorerModel model;
    private MainWindow window;
    private Path out;

    @Override
    public void start(Stage stage) throws Exception {
        NativeBackend.configure();
        List<String> args = getParameters().getRaw();
        Path runs = Path.of(args.get(0));
        out = Path.of(args.get(1));
        Files.createDirectories(out);
        model = new ExplorerModel(ExplorerSession.withDefaults(), new DatasetCatalog(), Files.createTempDirectory("tour"));
        window = ExplorerWindows.build(stage, model);
        stage.setWidth(1600);
        stage.setHeight(1000);
        stage.show();
        List<Path> dirs = RunFolders.find(runs);
        Path chapters = runs.resolve(ChapterFile.NAME);
        if (Files.isRegularFile(chapters)) model.setChapters(ChapterFile.read(chapters));
        model.openRuns(dirs);
        waitUntil(() -> settled(dirs.size()), () -> later(2, model.chapters().size() >= 4 ? this::chapterTour : this::plainTour));
    }

    private boolean settled(int runs) {
        PictureFrame f = model.picture().frame();
        return model.runs().size() == runs && model.tasks().running().isEmpty() && f.size() > 2
                && f.embedding().exactPoints() == f.size() && f.geodesic().length > 0;
    }

    /**
     * The built-in lecture: chapter 2 is the README's main picture (light and dark); chapter 4
     * the spectrum; chapter 2's panels one by one; then each chapter in presentation mode.
     */
    private void chapterTour() {
        List<Shot> shots = new ArrayList<>();
        shots.add(new Shot("main-window.png", () -> window.tour().show(1)));
        shots.add(new Shot("main-window-dark.png", () -> model.useDarkTheme(true)));
        shots.add(new Shot("selected-checkpoint-spectrum.png", () -> {
            model.useDarkTheme(false);
            window.tour().show(3);
        }));
        shots.add(new Shot("compare-configurations.png", () -> {
            window.tour().show(1);
            selectTab("tab-compare");
        }));
        shots.add(new Shot("compare-panel.png", () -> model.setPanelMode(PanelOption.COMPARE_CONFIGURATIONS, false)));
        shots.add(new Shot("dimensions.png", () -> selectTab("tab-dimensions")));
        shots.add(new Shot("chapters-tab.png", () -> selectTab("tab-chapters")));
        for (int i = 0; i < model.chapters().size(); i++) {
            int chapter = i;
            shots.add(new Shot("presentation-chapter-" + (i + 1) + ".png", () -> {
                window.setPresenting(true);
                window.tour().show(chapter);
                // chapter 1 plays training from its first step: photograph it when the paths are drawn in full
                if (model.chapters().get(chapter).play()) window.playback().pause();
                if (model.chapters().get(chapter).play()) model.showUpToStep(Long.MAX_VALUE);
            }));
        }
        runShots(shots, 0);
    }

    /** One photograph: what to set up first, then the file. */
    private record Shot(String file, Runnable setUp) {}

    private void runShots(List<Shot> shots, int i) {
        if (i == shots.size()) {
            Platform.exit();
            return;
        }
        shots.get(i).setUp().run();
        later(3, () -> waitUntil(() -> model.tasks().running().isEmpty(), () -> later(2,
                () -> shoot(shots.get(i).file(), () -> runShots(shots, i + 1)))));
    }

    /** Runs without chapters: the window, a selected checkpoint's spectrum, the panels, presentation mode. */
    private void plainTour() {
        model.colourBy(Colouring.ARCHITECTURE);
        shoot("main-window.png", () -> {
            model.useDarkTheme(true);
            later(2, () -> shoot("main-window-dark.png", () -> {
                model.useDarkTheme(false);
                selectCheckpoint();
            }));
        });
    }

    /** A mid-training checkpoint of an mlp run with parameter snapshots: spectrum and details say the most there. */
    private void selectCheckpoint() {
        PictureFrame f = model.picture().frame();
        PointInfo chosen = null;
        for (int i = 2; i < f.size(); i++) {
            PointInfo p = f.point(i);
            RunItem r = model.run(p.run());
            // seed 0 of the sample runs keeps parameter snapshots (first, middle, last)
            if (r != null && r.state().architecture().equals("mlp") && p.run().endsWith("-s0") && p.progress() > 0.5) {
                chosen = p;
                break;
            }
        }
        if (chosen == null) chosen = f.point(f.size() - 1);
        selectTab("tab-spectrum");
        // with Spectrum in front a run lands on its last checkpoint with parameters; then its
        // initialisation is overlaid, both divided by their largest eigenvalue
        RunItem run = model.run(chosen.run());
        model.chooseRun(run);
        waitUntil(() -> model.tasks().running().isEmpty(), () -> later(1, () -> {
            CheckBox normalised = (CheckBox) window.scene().lookup("#spectrum-normalised");
            if (normalised != null) normalised.setSelected(true);
            Button init = (Button) window.scene().lookup("#spectrum-init");
            if (init != null && !init.isDisabled()) init.fire();
            later(2, () -> waitUntil(() -> model.tasks().running().isEmpty(), () -> later(2, () -> shoot("selected-checkpoint-spectrum.png", () -> {
                selectTab("tab-compare");
                later(4, () -> waitUntil(() -> model.tasks().running().isEmpty(),
                        () -> later(2, () -> shoot("compare-panel.png", () -> {
                            ((ToggleButton) window.scene().lookup("#compare-configurations")).fire();
                            later(2, () -> waitUntil(() -> model.tasks().running().isEmpty(),
                                    () -> later(2, () -> shoot("compare-configurations.png", () -> {
                                        selectTab("tab-dimensions");
                                        later(3, () -> shoot("dimensions.png", () -> {
                                            window.setPresenting(true);
                                            later(3, () -> shoot("presentation.png", Platform::exit));
                                        }));
                                    }))));
                        }))));
            }))));
        }));
    }

    private void selectTab(String id) {
        for (Tab t : window.panels().getTabs()) {
            if (id.equals(t.getId())) window.panels().getSelectionModel().select(t);
        }
    }

    /**
     * Photographs what reached the X screen (ImageMagick's import, cropped to the window), not a
     * node snapshot: a snapshot is drawn anew and looks perfect even when the window on screen
     * is stale. Falls back to the snapshot where there is no X display or no import.
     */
    private void shoot(String name, Runnable next) {
        Path file = out.resolve(name);
        Window w = window.scene().getWindow();
        String crop = String.format(Locale.ROOT, "%dx%d+%d+%d", (int) w.getWidth(), (int) w.getHeight(),
                (int) Math.max(0, w.getX()), (int) Math.max(0, w.getY()));
        String display = System.getenv("DISPLAY");
        Thread t = new Thread(() -> {
            boolean fromScreen = false;
            try {
                if (display != null) {
                    Process p = new ProcessBuilder("import", "-display", display, "-window", "root", "-crop", crop,
                            "+repage", file.toString()).redirectErrorStream(true).start();
                    fromScreen = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
                }
            } catch (Exception e) {
                System.err.println("no X screen capture for " + name + " (" + e.getMessage() + "): using a snapshot");
            }
            boolean captured = fromScreen;
            Platform.runLater(() -> {
                if (!captured) snapshot(file);
                else System.out.println("wrote " + file + " (X screen)");
                next.run();
            });
        }, "screen-capture");
        t.setDaemon(true);
        t.start();
    }

    private void snapshot(Path file) {
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(window.scene().snapshot(null), null), "png", file.toFile());
            System.out.println("wrote " + file + " (snapshot)");
        } catch (Exception e) {
            System.err.println("could not write " + file + ": " + e);
        }
    }

    static void later(double seconds, Runnable r) {
        PauseTransition p = new PauseTransition(Duration.seconds(seconds));
        p.setOnFinished(e -> r.run());
        p.play();
    }

    static void waitUntil(BooleanSupplier ready, Runnable then) {
        if (ready.getAsBoolean()) {
            then.run();
            return;
        }
        later(0.5, () -> waitUntil(ready, then));
    }

    @Override
    public void stop() { model.shutdown(); }
}
