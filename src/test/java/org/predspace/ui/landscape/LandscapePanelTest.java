package org.predspace.ui.landscape;

import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DatasetCatalog;
import org.predspace.landscape.LinePath;
import org.predspace.landscape.ModelGrid;
import org.predspace.landscape.PlaneGrid;
import org.predspace.landscape.PlaneSlice;
import org.predspace.landscape.RunLine;
import org.predspace.landscape.RunTrajectoryPlane;
import org.predspace.landscape.SharpnessCurve;
import org.predspace.runs.Run;
import org.predspace.session.CheckpointRef;
import org.predspace.session.ExplorerSession;
import org.predspace.session.TestRuns;
import org.predspace.spectra.CheckpointModel;
import org.predspace.spectra.RunCheckpoint;
import org.predspace.spectra.Samples;
import org.predspace.training.TrainingRun;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.TrainingSpec;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.LandscapeOverlay;
import org.predspace.ui.PanelFixtures;
import org.predspace.ui.PanelOption;
import org.predspace.ui.TabHeaders;
import org.predspace.ui.figures.FigureRenderer;
import org.predspace.ui.figures.ImageSize;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** Drives the real Landscape panel in a window (run under xvfb-run) against small real iris runs with snapshots. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class LandscapePanelTest {
    @TempDir static Path tmp;
    static Path linear, mlp;
    static final DatasetCatalog CATALOG = new DatasetCatalog();

    ExplorerModel model;
    LandscapePanel panel;

    @BeforeAll
    static void trainIris() {
        List<Path> dirs = TestRuns.trainIris(tmp.resolve("iris"), "linear", "mlp");
        linear = dirs.get(0);
        mlp = dirs.get(1);
    }

    @Start
    void start(Stage stage) {
        model = new ExplorerModel(ExplorerSession.withDefaults(), CATALOG, tmp.resolve("out"));
        panel = new LandscapePanel(model);
        stage.setScene(new Scene(panel, 1300, 820));
        stage.show();
    }

    @AfterEach
    void shutdown() { model.shutdown(); }

    @Test
    void selectingACheckpointDrawsTheLineFromInitialisationAndHandsItToThe3DPicture(FxRobot robot) throws Exception {
        open(linear);
        CheckpointRef ref = checkpoint(linear, 6);
        robot.interact(() -> model.selectCheckpoint(ref));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> panel.lineCharts().lossChart().getData().size()) == 3);

        // the same line computed here, without the panel
        Run run = Run.open(linear);
        RunCheckpoint first = RunCheckpoint.open(run, run.parameterSteps()[0], CATALOG);
        RunCheckpoint selected = RunCheckpoint.open(run, ref.step(), CATALOG);
        LinePath expected = RunLine.between(first, selected, LinePath.defaultAlphas());
        List<XYChart.Data<Number, Number>> train = onFx(() -> List.copyOf(panel.lineCharts().lossChart().getData().get(0).getData()));
        List<XYChart.Data<Number, Number>> testAccuracy = onFx(() -> List.copyOf(panel.lineCharts().accuracyChart().getData().get(1).getData()));
        assertEquals(expected.points().size(), train.size());
        for (int k = 0; k < train.size(); k++) {
            LinePath.Point p = expected.points().get(k);
            assertEquals(p.alpha(), train.get(k).getXValue().doubleValue(), 1e-12);
            assertEquals(p.trainLoss(), train.get(k).getYValue().doubleValue(), 1e-9);
            assertEquals(p.testAccuracy(), testAccuracy.get(k).getYValue().doubleValue(), 1e-9);
        }
        assertEquals(1.0, onFx(() -> panel.lineCharts().lossChart().markerXProperty().get()).doubleValue(), 0,
                "the selected checkpoint is the line's end a = 1");
        String note = onFx(() -> label("#landscape-line-note"));
        assertTrue(note.contains("barrier " + PlaneCaption.number(expected.barrier())), note);

        // side by side the plane is the canyon; narrowed, the parts become tabs, and the Line part
        // brought to the front hands the line to the 3D picture: origin the initialisation,
        // origin + direction the selected weights
        robot.interact(() -> panel.getScene().getWindow().setWidth(900));
        WaitForAsyncUtils.waitForFxEvents();
        TabHeaders.open(robot, "landscape-part-line");
        LandscapeOverlay overlay = onFx(() -> model.landscapeOverlayProperty().get());
        assertNotNull(overlay);
        ModelGrid models = overlay.models();
        assertTrue(models.isLine());
        assertArrayEquals(first.model().parameters(), models.origin(), 0);
        double[] end = models.parameters(0, Arrays.binarySearch(models.xs(), 1.0));
        assertArrayEquals(selected.model().parameters(), end, 1e-6);
        assertFalse(overlay.hasMarked());
        assertTrue(onFx(() -> model.problems().isEmpty()), () -> model.problems().toString());
    }

    @Test
    void theTrajectoryPlaneRefinesCoarseToFineAndShowsThePathWithItsDistancesOffThePlane(FxRobot robot) throws Exception {
        open(linear);
        CheckpointRef ref = checkpoint(linear, 4);
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        // every partial grid the heat map shows, as the passes arrive
        WaitForAsyncUtils.asyncFx(() -> panel.heatmap().drawnCellsProperty().addListener((o, a, b) -> seen.add(b.intValue()))).get();
        robot.interact(() -> model.selectCheckpoint(ref));
        PlaneResult plane = awaitCompletePlane();
        PanelFixtures.snapshot(panel, "landscape-panel-linear");

        assertEquals(PlaneSlice.Kind.TRAJECTORY, plane.slice().kind());
        assertEquals(25, plane.grid().xs().length);
        // strides 8, 4, 2, 1 on 25 points: 4 x 4, 7 x 7, 13 x 13 and all 625 cells, each drawn as it came
        assertEquals(Set.of(16, 49, 169, 625), seen.stream().filter(n -> n > 0).collect(Collectors.toSet()));
        // the path is the run's trajectory plane computed here
        RunTrajectoryPlane expected = RunTrajectoryPlane.of(Run.open(linear));
        assertArrayEquals(expected.steps(), plane.slice().steps());
        for (int i = 0; i < expected.steps().length; i++) {
            assertArrayEquals(expected.plane().coordinates(i), plane.slice().coordinates()[i], 1e-9);
            assertEquals(expected.plane().offPlane(i), plane.slice().offPlane()[i], 1e-9);
        }
        String caption = onFx(() -> label("#landscape-plane-caption"));
        assertTrue(caption.startsWith(String.format(Locale.ROOT, "The plane holds %.1f%% of the path; ",
                100 * expected.plane().varianceExplained())), caption);
        assertTrue(onFx(() -> panel.heatmap().contourSegments()) > 0, "contours are drawn");
        // the selected checkpoint is ringed on the path
        assertEquals(ref.step(), onFx(() -> panel.heatmap().selectedStep()));

        // each cell's loss is the mean cross-entropy of its model on the first n train probe samples
        Run run = Run.open(linear);
        RunCheckpoint origin = RunCheckpoint.open(run, run.parameterSteps()[run.parameterSteps().length - 1], CATALOG);
        CheckpointModel net = origin.model();
        Samples samples = origin.samples(LandscapePanel.DEFAULT_SAMPLES);
        ModelGrid models = plane.models();
        for (int[] cell : new int[][] {{0, 0}, {12, 7}, {24, 24}}) {
            assertEquals(crossEntropy(net, models.parameters(cell[0], cell[1]), samples), plane.grid().trainLoss()[cell[0]][cell[1]], 1e-9);
        }
    }

    @Test
    void clickingACellShowsThatModelInThe3DPictureAndClickingACheckpointSelectsIt(FxRobot robot) throws Exception {
        open(linear);
        robot.interact(() -> model.selectCheckpoint(checkpointUnchecked(linear, 9)));
        PlaneResult plane = awaitCompletePlane();
        // the plane, once complete, is the overlay
        assertEquals(25, onFx(() -> model.landscapeOverlayProperty().get().models().rows()));

        int row = 5, column = 18;
        double[] centre = onFx(() -> panel.heatmap().toPixels(plane.grid().xs()[column], plane.grid().ys()[row]));
        robot.clickOn(onFx(() -> panel.heatmap().localToScreen(centre[0], centre[1])));
        LandscapeOverlay overlay = onFx(() -> model.landscapeOverlayProperty().get());
        assertTrue(overlay.hasMarked());
        assertEquals(row, overlay.markedRow());
        assertEquals(column, overlay.markedColumn());
        assertEquals(plane.grid().trainLoss()[row][column], overlay.models().loss()[row][column], 0);

        int i = 2;
        long step = plane.slice().steps()[i];
        double[] point = onFx(() -> panel.heatmap().toPixels(plane.slice().coordinates()[i][0], plane.slice().coordinates()[i][1]));
        robot.clickOn(onFx(() -> panel.heatmap().localToScreen(point[0], point[1])));
        WaitForAsyncUtils.waitForFxEvents();
        CheckpointRef now = onFx(() -> model.selectedCheckpoint());
        assertEquals(step, now.step(), "clicking the path's checkpoint selects it");
        assertEquals(step, onFx(() -> panel.heatmap().selectedStep()));
    }

    @Test
    void aRandomPlaneIsCentredOnTheSelectedCheckpointWithTheRunsSnapshotsProjected(FxRobot robot) throws Exception {
        open(linear);
        CheckpointRef ref = checkpoint(linear, 5);
        robot.interact(() -> {
            model.selectCheckpoint(ref);
            model.setPanelMode(PanelOption.LANDSCAPE_RANDOM_PLANE, true);
        });
        PlaneResult plane = awaitCompletePlane();
        assertEquals(PlaneSlice.Kind.FILTER_NORMALIZED, plane.slice().kind());
        assertEquals(1, plane.slice().seed());
        Run run = Run.open(linear);
        assertArrayEquals(RunCheckpoint.open(run, ref.step(), CATALOG).model().parameters(), plane.slice().origin(), 0);
        int at = Arrays.binarySearch(plane.slice().steps(), ref.step());
        assertArrayEquals(new double[] {0, 0}, plane.slice().coordinates()[at], 1e-9, "the origin projects onto itself");
        assertEquals(0, plane.slice().offPlane()[at], 1e-9);
        String caption = onFx(() -> label("#landscape-plane-caption"));
        assertTrue(caption.startsWith("Random filter-normalised directions (seeds 1 and 2)"), caption);
    }

    /**
     * A real batch-norm MLP: its line and plane are drawn, each cell scored with the statistics
     * recomputed on the train probe at that cell's weights, as LinePath scores a point there.
     */
    @Test
    void aBatchNormRunsLineAndPlaneAreScoredWithStatisticsRecomputedAtEveryModel(FxRobot robot) throws Exception {
        TrainingSpec spec = TrainingSpec.builder("iris")
                .architecture(Architecture.MLP).width(8).batchNorm(true)
                .optimizer(OptimizerKind.SGD).learningRate(0.3).batchSize(16).epochs(4).checkpoints(10)
                .probeSize(60).seed(1).snapshots(SnapshotPolicy.ALL).name("iris-mlp-bn").build();
        Path dir = tmp.resolve("bn-" + System.nanoTime()).resolve("iris-mlp-bn");
        new TrainingRun(spec, CATALOG.load("iris"), dir, e -> {}).execute();
        open(dir);
        robot.interact(() -> {
            grid().getValueFactory().setValue(11);
            model.selectCheckpoint(checkpointUnchecked(dir, 5));
        });
        PlaneResult plane = awaitCompletePlane();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> panel.lineCharts().lossChart().getData().size()) == 3);
        assertTrue(onFx(() -> model.problems().isEmpty()), () -> model.problems().toString());

        Run run = Run.open(dir);
        RunCheckpoint origin = RunCheckpoint.open(run, run.parameterSteps()[run.parameterSteps().length - 1], CATALOG);
        Samples samples = origin.samples(LandscapePanel.DEFAULT_SAMPLES);
        ModelGrid models = plane.models();
        double lo = Double.MAX_VALUE, hi = 0;
        for (int[] cell : new int[][] {{0, 0}, {5, 3}, {10, 10}, {2, 9}}) {
            double[] theta = models.parameters(cell[0], cell[1]);
            double expected = LinePath.between(origin.forwardModel(), theta, theta, new double[] {0}, samples, samples)
                    .points().get(0).trainLoss();
            double shown = plane.grid().trainLoss()[cell[0]][cell[1]];
            assertEquals(expected, shown, 1e-9, "cell " + cell[0] + ", " + cell[1]);
            lo = Math.min(lo, shown);
            hi = Math.max(hi, shown);
        }
        assertTrue(hi > lo, "the cells differ: " + lo + " to " + hi);

        RunCheckpoint first = RunCheckpoint.open(run, run.parameterSteps()[0], CATALOG);
        RunCheckpoint selected = RunCheckpoint.open(run, run.steps()[5], CATALOG);
        LinePath expected = RunLine.between(first, selected, LinePath.defaultAlphas());
        List<XYChart.Data<Number, Number>> train = onFx(() -> List.copyOf(panel.lineCharts().lossChart().getData().get(0).getData()));
        for (int k = 0; k < train.size(); k += 10) {
            assertEquals(expected.points().get(k).trainLoss(), train.get(k).getYValue().doubleValue(), 1e-9, "line point " + k);
        }
    }

    @Test
    void aLineToAnotherNetworksRunIsRefusedInPlainWordsAndAPinnedEndIsUsed(FxRobot robot) throws Exception {
        open(linear, mlp);
        CheckpointRef ref = checkpoint(mlp, 5);
        robot.interact(() -> {
            model.selectCheckpoint(ref);
            ((ChoiceBox<LineEnds>) panel.lookup("#landscape-ends")).setValue(LineEnds.OTHER_RUN);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> label("#landscape-line-note")).contains("same network"));
        assertTrue(onFx(() -> label("#landscape-line-note")).startsWith("a line needs two checkpoints of the same network: run iris-mlp is mlp"),
                onFx(() -> label("#landscape-line-note")));
        assertEquals(0, onFx(() -> panel.lineCharts().lossChart().getData().size()));
        assertTrue(onFx(() -> model.problems().isEmpty()), () -> model.problems().toString());

        // selected -> pinned: the pinned checkpoint of the same run is the end a = 1, the selected one a = 0
        CheckpointRef pinned = checkpoint(mlp, 9);
        robot.interact(() -> {
            model.pin(pinned);
            ((ChoiceBox<LineEnds>) panel.lookup("#landscape-ends")).setValue(LineEnds.PINNED);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> panel.lineCharts().lossChart().getData().size()) == 3);
        assertEquals(0.0, onFx(() -> panel.lineCharts().lossChart().markerXProperty().get()).doubleValue(), 0);
        Run run = Run.open(mlp);
        ModelGrid models = onFx(() -> model.landscapeOverlayProperty().get().models());
        assertArrayEquals(RunCheckpoint.open(run, ref.step(), CATALOG).model().parameters(), models.origin(), 0);
        assertArrayEquals(RunCheckpoint.open(run, pinned.step(), CATALOG).model().parameters(),
                models.parameters(0, Arrays.binarySearch(models.xs(), 1.0)), 1e-6);
    }

    @Test
    void theSharpnessChartDrawsTheCurveAndTheLineTwoOverTheLearningRate(FxRobot robot) throws Exception {
        var curve = new SharpnessCurve(new long[] {0, 10, 40}, new double[] {3, 18, 41}, 0.05, 200);
        robot.interact(() -> panel.sharpnessChart().show(curve, 10L));
        List<XYChart.Series<Number, Number>> series = onFx(() -> List.copyOf(panel.sharpnessChart().node().getData()));
        assertEquals(2, series.size());
        assertEquals(List.of(3.0, 18.0, 41.0), onFx(() -> series.get(0).getData().stream().map(d -> d.getYValue().doubleValue()).toList()));
        assertEquals(List.of(0.0, 40.0), onFx(() -> series.get(1).getData().stream().map(d -> d.getXValue().doubleValue()).toList()),
                "2 / lr spans the curve's steps");
        assertEquals(List.of(40.0, 40.0), onFx(() -> series.get(1).getData().stream().map(d -> d.getYValue().doubleValue()).toList()));
        assertEquals(10L, onFx(() -> panel.sharpnessChart().node().markerXProperty().get()));
    }

    @Test
    void theLineAndPlaneExportAsCsvAndThePlaneAsAVectorDrawing(FxRobot robot) throws Exception {
        open(linear);
        robot.interact(() -> model.selectCheckpoint(checkpointUnchecked(linear, 7)));
        PlaneResult plane = awaitCompletePlane();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> panel.lineCharts().lossChart().getData().size()) == 3);
        var tables = onFx(() -> panel.tables());
        var line = onFx(() -> tables.get(0).table().get());
        assertEquals(LinePath.DEFAULT_POINTS, line.rowCount());
        var cells = onFx(() -> tables.get(1).table().get());
        assertEquals(25 * 25, cells.rowCount());
        var path = onFx(() -> tables.get(2).table().get());
        assertEquals(plane.slice().steps().length, path.rowCount());
        assertTrue(path.text().contains("off_plane"), path.text().lines().findFirst().orElse(""));
        assertEquals("Sharpness", tables.get(3).label());   // its rows depend on RunSharpness (branch l19-sharp)

        var figure = onFx(() -> panel.charts().stream().filter(f -> f.name().equals("landscape-plane")).findFirst().orElseThrow());
        String svg = onFx(() -> FigureRenderer.svg(figure.node(), new ImageSize(800, 600)));
        // drawn as vectors: one rectangle per cell at least, and the contours as lines
        assertTrue(svg.split("<rect", -1).length - 1 >= 625, "cells as rectangles");
        assertTrue(svg.contains("<line"), "contours and path as lines");
        assertTrue(svg.contains("train loss"), "the colour bar's title");
    }

    @Test
    void aNewRequestCancelsThePlaneNobodyWantsAnyMore(FxRobot robot) throws Exception {
        open(mlp);
        robot.interact(() -> {
            grid().getValueFactory().setValue(51);   // long enough to be running when the next request comes
            model.selectCheckpoint(checkpointUnchecked(mlp, 6));
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> planeTasks().size()) == 1);
        Task<?> first = onFx(() -> planeTasks().get(0));
        robot.interact(() -> grid().getValueFactory().setValue(11));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(first::isCancelled));
        PlaneResult plane = awaitCompletePlane();
        assertEquals(11, plane.grid().xs().length, "the plane shown is the one asked for last");
        assertTrue(onFx(() -> model.problems().isEmpty()), () -> model.problems().toString());
    }

    // ---- helpers --------------------------------------------------------------------------

    private PlaneResult awaitCompletePlane() throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> onFx(() -> {
            PlaneResult p = panel.heatmap().shown();
            return p != null && p.grid().isComplete() && model.tasks().running().stream().noneMatch(t -> t instanceof PlaneComputation);
        }));
        WaitForAsyncUtils.waitForFxEvents();
        return onFx(() -> panel.heatmap().shown());
    }

    static double crossEntropy(CheckpointModel net, double[] theta, Samples samples) {
        net.setParameters(theta);
        int c = net.classCount();
        double[] p = net.probabilities(samples.features(), 0, samples.size());
        double s = 0;
        for (int n = 0; n < samples.size(); n++) s -= Math.log(p[n * c + samples.labels()[n]]);
        return s / samples.size();
    }

    @SuppressWarnings("unchecked")
    private Spinner<Integer> grid() { return (Spinner<Integer>) panel.lookup("#landscape-grid"); }

    private List<Task<?>> planeTasks() {
        return model.tasks().running().stream().filter(t -> t instanceof PlaneComputation).toList();
    }

    private String label(String id) { return ((Label) panel.lookup(id)).getText(); }

    private void open(Path... dirs) throws Exception { PanelFixtures.openAndWait(model, List.of(dirs)); }

    private static CheckpointRef checkpoint(Path dir, int index) throws Exception {
        Run run = Run.open(dir);
        return new CheckpointRef(run.name(), index, run.steps()[index]);
    }

    private static CheckpointRef checkpointUnchecked(Path dir, int index) {
        try {
            return checkpoint(dir, index);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static <T> T onFx(Callable<T> c) throws Exception { return WaitForAsyncUtils.asyncFx(c).get(); }
}
