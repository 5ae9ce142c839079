package org.predspace.ui.curves;

import javafx.animation.AnimationTimer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Point2D;
import javafx.scene.chart.XYChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.session.CheckpointRef;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.TrainingSpec;
import org.predspace.ui.PanelFixtures;
import org.predspace.ui.PanelTest;
import org.predspace.ui.RunItem;
import org.predspace.ui.RunItems;
import org.predspace.ui.charts.MarkedLineChart;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("ui")
class CurvesPanelTest extends PanelTest<CurvesPanel> {
    CurvesPanelTest() {
        super(CurvesPanel::new, 1000, 760);
    }

    @Override
    protected void openSynthetic() throws Exception {
        super.openSynthetic();
        // The panel grows its series at most 4 times a second, and takes new runs onto the
        // accuracy chart a frame after the loss chart.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> model.runs().stream().allMatch(r -> {
            XYChart.Series<Number, Number> s = panel.series(r.name(), Metric.TRAIN_LOSS);
            long measured = r.state().metrics().stream().filter(m -> Double.isFinite(m.trainLoss())).count();
            return s != null && s.getData().size() == measured
                    && panel.accuracyChart().getData().contains(panel.series(r.name(), Metric.TRAIN_ACCURACY));
        })));
    }

    private void select(String run) throws Exception {
        onFx(() -> model.selectRun(model.run(run)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void selectedRunShowsExactlyItsMeasuredMetricsAtLogSteps(FxRobot robot) throws Exception {
        openSynthetic();
        select("gappy");
        RunItem gappy = fx(() -> model.run("gappy"));
        List<CheckpointMetrics> metrics = gappy.state().metrics();
        XYChart.Series<Number, Number> trainLoss = panel.series("gappy", Metric.TRAIN_LOSS);
        XYChart.Series<Number, Number> testAccuracy = panel.series("gappy", Metric.TEST_ACCURACY);
        assertTrue(fx(() -> panel.lossChart().getData().contains(trainLoss)), "the selected run's train loss is drawn");
        assertTrue(fx(() -> panel.accuracyChart().getData().contains(testAccuracy)));

        List<double[]> expected = new ArrayList<>();
        for (CheckpointMetrics m : metrics) {
            if (!Double.isNaN(m.trainLoss())) expected.add(new double[] {Math.log10(m.step() + 1), m.trainLoss()});
        }
        assertEquals(CHECKPOINTS - 1, expected.size(), "checkpoint 2 has no train loss");
        assertPoints(expected, trainLoss);

        List<double[]> accuracy = new ArrayList<>();
        for (CheckpointMetrics m : metrics) {
            if (!Double.isNaN(m.testAccuracy())) accuracy.add(new double[] {Math.log10(m.step() + 1), 100 * m.testAccuracy()});
        }
        assertEquals(CHECKPOINTS / 2, accuracy.size(), "unmeasured held-out accuracy is skipped, not drawn as 0");
        assertPoints(accuracy, testAccuracy);
        PanelFixtures.snapshot(panel, "curves-details-curves");
    }

    private static void assertPoints(List<double[]> expected, XYChart.Series<Number, Number> series) {
        assertEquals(expected.size(), series.getData().size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i)[0], series.getData().get(i).getXValue().doubleValue(), 1e-12, "x of point " + i);
            assertEquals(expected.get(i)[1], series.getData().get(i).getYValue().doubleValue(), 1e-12, "y of point " + i);
        }
    }

    @Test
    void otherRunsAreDrawnOnlyWhileTheToggleIsOn(FxRobot robot) throws Exception {
        openSynthetic();
        select("run-1");
        XYChart.Series<Number, Number> other = panel.series("run-0", Metric.TRAIN_LOSS);
        assertTrue(fx(() -> panel.lossChart().getData().contains(other)));
        robot.clickOn(panel.othersShown());
        assertFalse(fx(() -> panel.lossChart().getData().contains(other)), "other runs hidden");
        assertEquals(2, (int) fx(() -> panel.lossChart().getData().size()), "train and test loss of the selected run only");
        robot.clickOn(panel.othersShown());
        onFx(() -> model.showRun(model.run("run-2"), false));
        assertTrue(fx(() -> panel.lossChart().getData().contains(other)));
        assertFalse(fx(() -> panel.lossChart().getData().contains(panel.series("run-2", Metric.TRAIN_LOSS))),
                "an invisible run is not drawn");
    }

    @Test
    void aRunThatAppearsReachesTheLossChartAFrameBeforeTheAccuracyChart(FxRobot robot) throws Exception {
        openSynthetic();
        // per frame: is the new run on the loss chart, on the accuracy chart
        List<boolean[]> frames = Collections.synchronizedList(new ArrayList<>());
        AnimationTimer watch = new AnimationTimer() {
            @Override
            public void handle(long now) {
                XYChart.Series<Number, Number> loss = panel.series("late", Metric.TRAIN_LOSS);
                XYChart.Series<Number, Number> accuracy = panel.series("late", Metric.TRAIN_ACCURACY);
                frames.add(new boolean[] {loss != null && panel.lossChart().getData().contains(loss),
                        accuracy != null && panel.accuracyChart().getData().contains(accuracy)});
            }
        };
        onFx(watch::start);
        PanelFixtures.openAndWait(model, List.of(PanelFixtures.writeWithGaps(dir, "late", CHECKPOINTS)));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> frames.stream().anyMatch(f -> f[1]));
        onFx(watch::stop);
        synchronized (frames) {
            assertTrue(frames.stream().anyMatch(f -> f[0] && !f[1]), "a frame with the new run on the loss chart only");
            assertTrue(frames.stream().noneMatch(f -> f[1] && !f[0]), "never on the accuracy chart first");
        }
    }

    @Test
    void selectingACheckpointMovesTheMarkerToItsStepOnBothCharts(FxRobot robot) throws Exception {
        openSynthetic();
        assertNull(fx(() -> panel.lossChart().markerXProperty().get()));
        for (int k : new int[] {3, 6}) {
            long step = 10L * k;
            onFx(() -> model.selectCheckpoint(new CheckpointRef("run-1", k, step)));
            WaitForAsyncUtils.waitForFxEvents();
            for (MarkedLineChart chart : List.of(panel.lossChart(), panel.accuracyChart())) {
                double x = Math.log10(step + 1);
                assertEquals(x, fx(() -> chart.markerXProperty().get()).doubleValue(), 1e-12);
                assertTrue(chart.marker().isVisible());
                assertEquals(chart.getXAxis().getDisplayPosition(x), chart.marker().getStartX(), 0.5,
                        "the marker line is drawn at the step's pixel");
                List<Point2D> rings = fx(() -> List.copyOf(chart.ringPoints()));
                assertEquals(2, rings.size(), "the checkpoint's train and test points are ringed");
                assertEquals(x, rings.get(0).getX(), 1e-12);
            }
        }
        List<Point2D> rings = fx(() -> List.copyOf(panel.lossChart().ringPoints()));
        CheckpointMetrics m = fx(() -> model.run("run-1").state().metrics().get(6));
        assertEquals(m.trainLoss(), rings.get(0).getY(), 1e-12);
        assertEquals(m.testLoss(), rings.get(1).getY(), 1e-12);
    }

    @Test
    void clickingNearAPlottedPointSelectsThatCheckpoint(FxRobot robot) throws Exception {
        openSynthetic();
        select("run-2");
        for (int k : new int[] {5, 2}) {
            MarkedLineChart chart = k == 5 ? panel.lossChart() : panel.accuracyChart();
            Metric metric = k == 5 ? Metric.TRAIN_LOSS : Metric.TEST_ACCURACY;
            // the panel draws at most four times a second: wait until this curve is drawn
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(() -> panel.series("run-2", metric) != null
                    && panel.series("run-2", metric).getData().size() > k));
            XYChart.Data<Number, Number> point = fx(() -> panel.series("run-2", metric).getData().get(k));
            Point2D screen = fx(() -> {
                Point2D p = chart.toPlot(point.getXValue().doubleValue(), point.getYValue().doubleValue());
                return new Point2D(chart.getXAxis().localToScreen(p.getX(), 0).getX(),
                        chart.getYAxis().localToScreen(0, p.getY()).getY());
            });
            robot.clickOn(screen.add(4, -3));
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(new CheckpointRef("run-2", k, 10L * k), model.selectedCheckpoint());
        }
        PanelFixtures.snapshot(panel, "curves-details-curves-checkpoint");
    }

    @Test
    void aLiveRunsCurveGrowsInPlaceAsCheckpointsArrive(FxRobot robot) throws Exception {
        openSynthetic();
        select("run-0");
        XYChart.Series<Number, Number> trainLoss = panel.series("run-0", Metric.TRAIN_LOSS);
        XYChart.Data<Number, Number> first = trainLoss.getData().get(0);
        fx(() -> {
            RunItem run = model.run("run-0");
            RunItems.withCheckpoint(run, new CheckpointMetrics(100, 10, 0.05, 0.99, 0.2, Double.NaN));
            RunItems.withCheckpoint(run, new CheckpointMetrics(140, 14, 0.04, 1.0, 0.19, 0.95));
            return null;
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(() -> trainLoss.getData().size() == CHECKPOINTS + 2));
        // the accuracy chart follows a frame later
        XYChart.Series<Number, Number> trainAccuracy = panel.series("run-0", Metric.TRAIN_ACCURACY);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(() -> trainAccuracy.getData().size() == CHECKPOINTS + 2));
        assertSame(first, trainLoss.getData().get(0), "earlier points are kept, not rebuilt");
        XYChart.Data<Number, Number> last = trainLoss.getData().get(CHECKPOINTS + 1);
        assertEquals(Math.log10(141), last.getXValue().doubleValue(), 1e-12);
        assertEquals(0.04, last.getYValue().doubleValue(), 1e-12);
        assertEquals(CHECKPOINTS + 1, panel.series("run-0", Metric.TEST_ACCURACY).getData().size(),
                "the NaN held-out accuracy of the first new checkpoint is skipped");
        assertNotNull(fx(() -> panel.lossChart().dotPoints().size() == 2 * (CHECKPOINTS + 2) ? "" : null),
                "the selected run's dots include the new checkpoints");
    }

    @Test
    void aRunTrainingNowIsDrawnFromItsCheckpointsWithoutRebuilding(FxRobot robot) throws Exception {
        TrainingSpec spec = TrainingSpec.builder("iris").architecture(Architecture.LINEAR).optimizer(OptimizerKind.SGD)
                .learningRate(0.3).batchSize(16).epochs(30).checkpoints(12).probeSize(60).seed(1)
                .snapshots(SnapshotPolicy.NONE).name("iris-live").build();
        onFx(() -> model.train(List.of(spec)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> model.run("iris-live") != null));
        select("iris-live");
        XYChart.Series<Number, Number> trainLoss = panel.series("iris-live", Metric.TRAIN_LOSS);
        int[] removed = {0};
        onFx(() -> trainLoss.getData().addListener((ListChangeListener<XYChart.Data<Number, Number>>) c -> {
            while (c.next()) removed[0] += c.getRemovedSize();
        }));
        XYChart.Series<Number, Number> testAccuracy = panel.series("iris-live", Metric.TEST_ACCURACY);
        assertTrue(fx(() -> model.run("iris-live").state().phase().ended()
                        || panel.lossChart().isLive(trainLoss) && panel.accuracyChart().isLive(testAccuracy)),
                "while the run trains its curves are live: kept out of the charts' cached images");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> model.run("iris-live").state().phase().ended()));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(() -> !panel.lossChart().isLive(trainLoss) && !panel.accuracyChart().isLive(testAccuracy)));
        List<CheckpointMetrics> metrics = fx(() -> model.run("iris-live").state().metrics());
        assertTrue(metrics.size() >= 10, "the run saved its checkpoints: " + metrics.size());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(() -> trainLoss.getData().size() == metrics.size()));
        for (int i = 0; i < metrics.size(); i++) {
            assertEquals(Math.log10(metrics.get(i).step() + 1), trainLoss.getData().get(i).getXValue().doubleValue(), 1e-12);
            assertEquals(metrics.get(i).trainLoss(), trainLoss.getData().get(i).getYValue().doubleValue(), 1e-12);
        }
        assertEquals(0, removed[0], "points were only ever appended");
        assertTrue(fx(() -> panel.lossChart().getData().contains(trainLoss)));
    }
}
