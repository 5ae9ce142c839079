package org.predspace.ui.view3d;

import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.predspace.data.DatasetCatalog;
import org.predspace.landscape.ModelGrid;
import org.predspace.runs.Run;
import org.predspace.session.CanyonFixture;
import org.predspace.session.ExplorerSession;
import org.predspace.session.PictureFrame;
import org.predspace.training.TrainingRun;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.TrainingSpec;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.LandscapeOverlay;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The canyon in the real 3D view (Xvfb, -Dprism.forceGPU=true): a plane of a real run's
 * network placed in the picture, its model at a checkpoint's own weights drawn on that
 * checkpoint, its residual stated, the toggle hiding and showing its pixels, a new mark drawn
 * without a new computation, and a superseded overlay never drawn.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class CanyonViewTest {
    static final DatasetCatalog CATALOG = new DatasetCatalog();
    static Path folder;
    static Run run;
    /** Another seed of the same network on the same probe: opening it changes the picture's basis. */
    static Run other;
    private ExplorerModel model;
    private PredictionView view;

    @BeforeAll
    static void trainAnMlpWithSnapshots() throws Exception {
        folder = Files.createTempDirectory("predspace-canyon");
        TrainingSpec spec = TrainingSpec.builder("digits").architecture(Architecture.MLP).width(16).epochs(1)
                .probeSize(200).checkpoints(8).snapshots(SnapshotPolicy.SPARSE).build();
        new TrainingRun(spec, CATALOG.load("digits"), folder.resolve("mlp"), e -> {}).execute();
        run = Run.open(folder.resolve("mlp"));
        new TrainingRun(TrainingSpec.builder("digits").architecture(Architecture.MLP).width(16).epochs(1).seed(2)
                .probeSize(200).checkpoints(8).build(), CATALOG.load("digits"), folder.resolve("mlp-2"), e -> {}).execute();
        other = Run.open(folder.resolve("mlp-2"));
    }

    @Start
    void start(Stage stage) {
        model = new ExplorerModel(ExplorerSession.withDefaults(), CATALOG, folder.resolve("out"));
        view = new PredictionView(model);
        model.setPointSize(2.0);
        stage.setScene(new Scene(view, 900, 700));
        stage.show();
    }

    @AfterEach
    void stop() { model.shutdown(); }

    @Test
    void theModelAtACheckpointsWeightsIsDrawnOnThatCheckpointWithItsResidual() throws Exception {
        PictureFrame frame = openAndSettle();
        long step = run.parameterSteps()[run.parameterSteps().length / 2];
        int at = CanyonFixture.indexOf(frame, run, step);
        ModelGrid grid = CanyonFixture.planeThrough(run, CATALOG, step, 5);
        showAndWait(new LandscapeOverlay("Plane around step " + step, run.name(), step, grid, -1, -1));

        double extent = CanyonFixture.extent(frame);

        assertLandsOnCheckpoint(at, extent);

        // a second run changes the basis: the sheet is placed again in the new one
        Platform.runLater(() -> model.openRuns(List.of(other.dir())));
        int expected = frame.size() + other.steps().length;
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> {
            PictureFrame f = view.drawnFrame();
            return f.size() == expected && f.embedding().exactPoints() == expected && view.canyonCurrent();
        }));
        settle();
        PictureFrame grown = fx(() -> view.drawnFrame());
        assertNotSame(frame.embedding().basis(), grown.embedding().basis());
        assertLandsOnCheckpoint(CanyonFixture.indexOf(grown, run, step), CanyonFixture.extent(grown));

        String legend = fx(() -> view.canyonLegendText());
        assertTrue(legend.startsWith("Plane around step " + step + ": 25 models, coloured by their loss on the training probe"), legend);
        assertTrue(legend.contains("placement residual"), legend);
        assertTrue(legend.contains("the picture's own checkpoints"), legend);

        // the held-out picture: the models are scored again on the held-out probe and land there
        fx(() -> { model.showProbe(ExplorerSession.Probe.HELD_OUT); return null; });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> view.canyonCurrent() && !view.canyonBusy()
                && view.canyonLegendText().contains("held-out probe")));
        settle();
        PictureFrame heldOut = fx(() -> view.drawnFrame());
        assertLandsOnCheckpoint(CanyonFixture.indexOf(heldOut, run, step), CanyonFixture.extent(heldOut));
    }

    @Test
    void theToggleHidesAndShowsTheSheetsPixelsAndANewMarkNeedsNoComputation() throws Exception {
        openAndSettle();
        long step = run.parameterSteps()[run.parameterSteps().length - 1];
        LandscapeOverlay overlay = new LandscapeOverlay("Plane", run.name(), step, CanyonFixture.planeThrough(run, CATALOG, step, 9), 4, 4);
        showAndWait(overlay);
        assertTrue(fx(() -> view.canyonMarkShown()), "the marked model is drawn");
        WritableImage shown = snapshot();

        fx(() -> { model.showLandscape(false); return null; });
        settle();
        assertFalse(fx(() -> view.canyonShown()));
        WritableImage hidden = snapshot();
        int differing = differingPixels(shown, hidden);
        assertTrue(differing > 500, "the sheet covered only " + differing + " pixels");

        fx(() -> { model.showLandscape(true); return null; });
        settle();
        assertTrue(fx(() -> view.canyonShown()));
        assertEquals(0, differingPixels(shown, snapshot()), "shown again, the sheet is where it was");

        ModelGrid g = overlay.models();
        ModelGrid refined = new ModelGrid(g.origin().clone(), g.xDirection().clone(), g.yDirection().clone(), g.xs().clone(),
                g.ys().clone(), new double[g.rows()][g.columns()]);   // the same models, handed over again with other losses
        fx(() -> { model.placeLandscape(new LandscapeOverlay("Plane", run.name(), step, refined, -1, -1)); return null; });
        assertFalse(fx(() -> view.canyonBusy()), "a new mark on the same models starts no computation");
        settle();
        assertFalse(fx(() -> view.canyonMarkShown()));
        assertTrue(fx(() -> view.canyonShown()));
    }

    @Test
    void aSupersededOverlayIsCancelledAndNeverDrawn() throws Exception {
        openAndSettle();
        long[] saved = run.parameterSteps();
        LandscapeOverlay first = new LandscapeOverlay("First", run.name(), saved[0], CanyonFixture.planeThrough(run, CATALOG, saved[0], 25), -1, -1);
        LandscapeOverlay second = new LandscapeOverlay("Second", run.name(), saved[saved.length - 1],
                CanyonFixture.planeThrough(run, CATALOG, saved[saved.length - 1], 3), -1, -1);
        fx(() -> {
            model.placeLandscape(first);
            model.placeLandscape(second);
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> view.canyonShown() && !view.canyonBusy()));
        settle();
        assertTrue(fx(() -> view.canyonLegendText()).startsWith("Second: 9 models"));
        assertTrue(fx(() -> model.tasks().running().stream().noneMatch(t -> t.getTitle() != null && t.getTitle().contains("First"))));
        fx(() -> { model.placeLandscape(null); return null; });
        settle();
        assertFalse(fx(() -> view.canyonShown()));
    }

    /** The sheet's centre model (the checkpoint's own weights) is drawn on checkpoint {@code at}, in picture units and on screen. */
    private void assertLandsOnCheckpoint(int at, double extent) throws Exception {
        double[] checkpoint = fx(() -> view.drawnCoordinates(at));
        double[] centre = fx(() -> view.canyonCoordinates(2, 2));
        for (int d = 0; d < 3; d++) assertEquals(checkpoint[d], centre[d], 1e-6 * extent, "drawn axis " + d);
        Point2D onScreen = fx(() -> view.screenPositionOf(at));
        Point2D sheet = fx(() -> view.canyonScreenPosition(2, 2));
        assertEquals(onScreen.getX(), sheet.getX(), 0.5);
        assertEquals(onScreen.getY(), sheet.getY(), 0.5);
    }

    private void showAndWait(LandscapeOverlay overlay) throws Exception {
        fx(() -> { model.placeLandscape(overlay); return null; });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> view.canyonCurrent() && !view.canyonBusy()));
        settle();
    }

    private PictureFrame openAndSettle() throws Exception {
        Platform.runLater(() -> model.openRuns(List.of(run.dir())));
        int expected = 2 + run.steps().length;
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            PictureFrame f = view.drawnFrame();
            return f != null && f.size() == expected && f.embedding().exactPoints() == expected;
        });
        settle();
        return view.drawnFrame();
    }

    private void settle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents(10);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> view.isSettled()));
        WaitForAsyncUtils.waitForFxEvents(5);
    }




    private WritableImage snapshot() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> view.subScene().snapshot(null, null)).get(10, TimeUnit.SECONDS);
    }

    private static int differingPixels(WritableImage a, WritableImage b) {
        PixelReader ra = a.getPixelReader(), rb = b.getPixelReader();
        int w = (int) Math.min(a.getWidth(), b.getWidth()), h = (int) Math.min(a.getHeight(), b.getHeight());
        int n = 0;
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) if (ra.getArgb(x, y) != rb.getArgb(x, y)) n++;
        return n;
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }
}
