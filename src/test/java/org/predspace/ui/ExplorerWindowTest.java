package org.predspace.ui;

import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.predspace.data.DatasetCatalog;
import org.predspace.session.ExplorerSession;
import org.predspace.session.PictureFrame;
import org.predspace.session.PointInfo;
import org.predspace.session.RunState;
import org.predspace.session.TestRuns;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.TrainingSpec;
import org.predspace.ui.charts.MarkedLineChart;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The whole main window, driven as a student would: open runs, click a point in the 3D view
 * and see the linked panels follow; start a short training and see its points appear.
 */
@Tag("ui")
class ExplorerWindowTest {
    private ExplorerModel model;
    private MainWindow window;
    @RegisterExtension
    final FxWindow fx = new FxWindow(shown -> { model = shown.model(); window = shown.window(); });

    private PictureFrame waitForDrawn(int points) throws Exception { return TestWindow.waitForDrawn(window, points); }

    /** A drawn point of a run with no other point within 6 px on screen. */
    private int isolatedPoint(PictureFrame f) throws Exception {
        Point2D[] at = new Point2D[f.size()];
        for (int i = 0; i < f.size(); i++) {
            int k = i;
            at[i] = WaitForAsyncUtils.asyncFx(() -> window.view().screenPositionOf(k)).get();
        }
        int best = -1;
        double bestGap = 6;
        for (int i = 2; i < f.size(); i++) {
            double gap = Double.POSITIVE_INFINITY;
            for (int j = 0; j < f.size(); j++) if (j != i) gap = Math.min(gap, at[i].distance(at[j]));
            if (gap > bestGap) {
                bestGap = gap;
                best = i;
            }
        }
        return best;
    }

    @Test
    void clickingAPointInTheViewUpdatesDetailsAndCurves(FxRobot robot) throws Exception {
        List<Path> dirs = TestRuns.writeSynthetic(fx.tmp(), 3, 8);
        Platform.runLater(() -> model.openRuns(dirs));
        PictureFrame f = waitForDrawn(2 + 3 * 8);
        assertFalse(robot.lookup("#empty-state").query().isVisible(), "the empty-state card still covers the view");

        int p = isolatedPoint(f);
        assertTrue(p > 0, "no point clear of others to click");
        PointInfo clicked = f.point(p);
        robot.clickOn(WaitForAsyncUtils.asyncFx(() -> window.view().screenPositionOf(p)).get());
        WaitForAsyncUtils.waitForFxEvents(10);
        assertEquals(clicked.run(), model.selectedCheckpoint().run());
        assertEquals(clicked.checkpoint(), model.selectedCheckpoint().checkpoint());

        // Curves (the first tab) marks the step on the log axis
        MarkedLineChart loss = robot.lookup("#loss-chart").queryAs(MarkedLineChart.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> loss.markerXProperty().get() != null);
        assertEquals(Math.log10(clicked.step() + 1.0), loss.markerXProperty().get().doubleValue(), 1e-9);

        // Details names that checkpoint
        robot.clickOn("#tab-details .tab-label");
        WaitForAsyncUtils.waitForFxEvents(5);
        String expected = "Checkpoint " + (clicked.checkpoint() + 1) + " of 8";
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(".details-section").queryAllAs(Label.class)
                .stream().anyMatch(l -> l.getText().equals(expected)));
    }

    @Test
    void aShortTrainingDrawsItsCheckpointsAsTheyArrive(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(WaitForAsyncUtils.asyncFx(() -> window.view().rendererWarmedUp()).get(),
                "the shown window warmed the 3D renderer up before any run arrived");
        TrainingSpec spec = TrainingSpec.builder("iris").architecture(Architecture.LINEAR).optimizer(OptimizerKind.SGD)
                .learningRate(0.5).batchSize(16).epochs(4).checkpoints(12).probeSize(60).seed(5).name("iris-window").build();
        WaitForAsyncUtils.asyncFx(() -> model.train(List.of(spec))).get();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.run("iris-window") != null
                && model.run("iris-window").state().phase() == RunState.Phase.FINISHED);
        PictureFrame f = waitForDrawn(2 + 12);
        assertEquals("iris-window", f.point(13).run());
        assertEquals(11, f.point(13).checkpoint());
        assertTrue(Files.isRegularFile(fx.tmp().resolve("trained/iris-window/run.json")), "the run is saved where the model trains");
        assertFalse(robot.lookup("#empty-state").query().isVisible());
    }

    @Test
    void aCorruptRunFolderIsReportedByNameAndTheOthersStillOpen(FxRobot robot) throws Exception {
        List<Path> good = TestRuns.writeSynthetic(fx.tmp(), 2, 5);
        Path bad = fx.tmp().resolve("broken");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("run.json"), "{ this is not json");
        Platform.runLater(() -> model.openRuns(List.of(good.get(0), bad, good.get(1))));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !model.problems().isEmpty() && model.runs().size() == 2);
        String problem = model.problems().get(0);
        assertTrue(problem.contains("broken") && problem.contains("run.json"), problem);
        waitForDrawn(2 + 2 * 5);
        // the notification is on screen, in plain words
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(n -> n instanceof Label
                && ((Label) n).getText() != null
                && ((Label) n).getText().contains("broken")).tryQuery().isPresent());
    }

    @Test
    void playbackShowsTrainingUpToAStepAndPlaysToTheEnd(FxRobot robot) throws Exception {
        List<Path> dirs = TestRuns.writeSynthetic(fx.tmp(), 3, 8);   // steps 0, 10, ..., 70
        Platform.runLater(() -> model.openRuns(dirs));
        waitForDrawn(2 + 3 * 8);
        assertEquals(24, window.view().drawnMarkers());
        WaitForAsyncUtils.asyncFx(() -> model.showUpToStep(30)).get();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.view().drawnMarkers() == 3 * 4);
        assertEquals("step ≤ 30", robot.lookup("#playback-step").queryLabeled().getText());

        robot.clickOn("#playback-play");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.playback().playing());
        // it plays on from step 30: more checkpoints appear before the end
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.view().drawnMarkers() > 12
                && model.shownUpToStepProperty().get() < 70);
        WaitForAsyncUtils.waitFor((long) PlaybackBar.PLAY_SECONDS + 10, TimeUnit.SECONDS,
                () -> !window.playback().playing() && model.shownUpToStepProperty().get() == Long.MAX_VALUE);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.view().drawnMarkers() == 24);
    }

    @Test
    void sliderPositionsAndStepsRoundTripOnTheLogScale() {
        assertEquals(Long.MAX_VALUE, PlaybackBar.stepAt(1, 1000));
        assertEquals(0, PlaybackBar.stepAt(0, 1000));
        for (long step : new long[]{1, 9, 99, 500}) {
            assertEquals(step, PlaybackBar.stepAt(PlaybackBar.positionOf(step, 1000), 1000));
        }
        assertEquals(0.5, PlaybackBar.positionOf(30, 960), 1e-12);   // log10(31) / log10(961)
    }

    @Test
    void presentationModeKeysDriveThePictureAndEscapeComesBack(FxRobot robot) throws Exception {
        List<Path> dirs = TestRuns.writeSynthetic(fx.tmp(), 2, 8);
        Platform.runLater(() -> model.openRuns(dirs));
        waitForDrawn(2 + 2 * 8);
        robot.clickOn(window.view());   // focus the picture, not a text field
        robot.type(KeyCode.F5);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, window::presenting);
        assertTrue(robot.lookup(".menu-bar").tryQuery().isEmpty(), "no chrome in presentation mode");
        assertTrue(window.scene().getRoot().getStyleClass().contains("presentation"));

        Colouring before = model.colouringProperty().get();
        robot.type(KeyCode.C);
        assertEquals(before.next(), model.colouringProperty().get());

        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.playback().playing());
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !window.playback().playing());
        long at = model.shownUpToStepProperty().get();
        robot.type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(model.shownUpToStepProperty().get() > at || model.shownUpToStepProperty().get() == Long.MAX_VALUE,
                "the right arrow steps forward from " + at);
        robot.type(KeyCode.A);
        assertTrue(window.autoRotateProperty().get());
        robot.type(KeyCode.A);

        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !window.presenting());
        assertTrue(robot.lookup(".menu-bar").tryQuery().isPresent());
        assertTrue(robot.lookup("#playback-slider").tryQuery().isPresent());
    }
}
