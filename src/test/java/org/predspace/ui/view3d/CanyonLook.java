package org.predspace.ui.view3d;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DatasetCatalog;
import org.predspace.landscape.LinePath;
import org.predspace.landscape.ModelGrid;
import org.predspace.landscape.PlaneLandscape;
import org.predspace.landscape.PlaneSlice;
import org.predspace.landscape.RunTrajectoryPlane;
import org.predspace.platform.JobMonitor;
import org.predspace.runs.Run;
import org.predspace.session.CanyonModels;
import org.predspace.session.ExplorerSession;
import org.predspace.session.PredictionPicture;
import org.predspace.training.TrainingRun;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.TrainingSpec;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.LandscapeOverlay;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: three digits MLPs (two SGD seeds, one Adam) in the 3D picture with the trajectory
 * plane of the first drawn as the canyon, then the line from its initialisation to its end, to
 * look at. {@code xvfb-run -a -s "-screen 0 1600x1000x24" mvn -o -q test -Dtest=CanyonLook -Dcanyon.snapshots=/tmp}
 * writes canyon-*.png there (the sub-scene) and, with ImageMagick, canyon-*-screen.png (the X screen).
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "canyon.snapshots", matches = ".+")
class CanyonLook {
    @TempDir
    Path tmp;
    private ExplorerModel model;
    private PredictionView view;

    @Start
    void start(Stage stage) {
        model = new ExplorerModel(ExplorerSession.withDefaults(), new DatasetCatalog(), tmp.resolve("out"));
        view = new PredictionView(model, true);
        stage.setScene(new Scene(view, 1200, 800));
        stage.setX(0);
        stage.setY(0);
        stage.show();
    }

    @AfterEach
    void shutDown() { model.shutdown(); }

    @Test
    void trajectoryPlaneAndLineOfADigitsMlp() throws Exception {
        DatasetCatalog catalog = model.catalog();
        List<Path> dirs = new ArrayList<>();
        Object[][] runs = {{"mlp-sgd-s1", OptimizerKind.SGD, 0.3, 1L}, {"mlp-sgd-s2", OptimizerKind.SGD, 0.3, 2L},
                {"mlp-adam-s1", OptimizerKind.ADAM, 0.003, 1L}};
        for (Object[] r : runs) {
            TrainingSpec spec = TrainingSpec.builder("digits").architecture(Architecture.MLP).width(32).epochs(10)
                    .optimizer((OptimizerKind) r[1]).learningRate((double) r[2]).seed((long) r[3]).name((String) r[0])
                    .probeSize(500).checkpoints(16).snapshots(SnapshotPolicy.ALL).build();
            new TrainingRun(spec, catalog.load("digits"), tmp.resolve((String) r[0]), e -> {}).execute();
            dirs.add(tmp.resolve((String) r[0]));
        }
        WaitForAsyncUtils.asyncFx(() -> model.openRuns(dirs)).get();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> model.runs().size() == 3
                && view.drawnFrame() != null && view.drawnFrame().embedding().exactPoints() == view.drawnFrame().size()).get());

        Run first = Run.open(dirs.get(0));
        RunTrajectoryPlane trajectory = RunTrajectoryPlane.of(first);
        long last = first.parameterSteps()[first.parameterSteps().length - 1];
        float[] end = first.parameters(last);
        double[] origin = new double[end.length];
        for (int i = 0; i < end.length; i++) origin[i] = end[i];
        PlaneSlice slice = PlaneSlice.trajectory(trajectory, origin);
        int n = Integer.getInteger("canyon.grid", 25);
        ModelGrid plane = new ModelGrid(slice.origin(), slice.xDirection(), slice.yDirection(),
                PlaneLandscape.axis(slice, 0, n), PlaneLandscape.axis(slice, 1, n), new double[n][n]);
        long t0 = System.nanoTime();
        show(new LandscapeOverlay("Trajectory plane of mlp-sgd-s1", first.name(), last, plane, n / 2, n / 2));
        System.err.println("LOOK plane " + n + "x" + n + " drawn after " + (System.nanoTime() - t0) / 1e9 + " s; "
                + WaitForAsyncUtils.asyncFx(() -> view.canyonLegendText()).get().replace('\n', ' '));
        write("plane");
        timeScoringAndPlacement(first, last, plane);
        WaitForAsyncUtils.asyncFx(() -> model.useDarkTheme(true)).get();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> view.isSettled()).get());
        Thread.sleep(500);
        write("plane-dark");
        WaitForAsyncUtils.asyncFx(() -> model.useDarkTheme(false)).get();

        float[] init = first.parameters(first.parameterSteps()[0]);
        double[] theta0 = new double[init.length];
        for (int i = 0; i < init.length; i++) theta0[i] = init[i];
        double[] alphas = LinePath.defaultAlphas();
        show(new LandscapeOverlay("Line from initialisation to the end of mlp-sgd-s1", first.name(), last,
                ModelGrid.line(theta0, origin, alphas, new double[alphas.length]), -1, -1));
        System.err.println("LOOK line " + WaitForAsyncUtils.asyncFx(() -> view.canyonLegendText()).get().replace('\n', ' '));
        write("line");
        System.err.println("LOOK problems " + WaitForAsyncUtils.asyncFx(() -> List.copyOf(model.problems())).get());
    }

    /** Where the time of a canyon goes: the forward passes, then the distance rows and placement. */
    private void timeScoringAndPlacement(Run run, long step, ModelGrid plane) throws Exception {
        PredictionPicture picture = WaitForAsyncUtils.asyncFx(() -> model.picture()).get();
        for (int repeat = 0; repeat < 3; repeat++) {
            long t0 = System.nanoTime();
            CanyonModels.Scored scored = CanyonModels.score(picture,
                    ExplorerSession.Probe.TRAINING, run.dir(), step, plane, model.catalog(), JobMonitor.silent());
            long t1 = System.nanoTime();
            picture.place(scored.points(), () -> false);
            long t2 = System.nanoTime();
            picture.place(scored.points(), () -> false);
            long t3 = System.nanoTime();
            System.err.printf("LOOK time %d models on %d picture points: scoring %.2f s, first placement %.2f s, again %.3f s%n",
                    scored.points().size(), picture.frame().size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
        }
    }

    private void show(LandscapeOverlay overlay) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> model.placeLandscape(overlay)).get();
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> view.canyonShown()
                && !view.canyonBusy() && view.isSettled()).get());
        WaitForAsyncUtils.waitForFxEvents(10);
        Thread.sleep(500);
    }

    private void write(String name) throws Exception {
        Path dir = Path.of(System.getProperty("canyon.snapshots"));
        var image = WaitForAsyncUtils.asyncFx(() -> SwingFXUtils.fromFXImage(view.snapshot(null, null), null)).get();
        ImageIO.write(image, "png", dir.resolve("canyon-" + name + ".png").toFile());
        String display = System.getenv("DISPLAY");
        if (display != null) {
            new ProcessBuilder("import", "-window", "root", "-display", display, dir.resolve("canyon-" + name + "-screen.png").toString())
                    .inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
