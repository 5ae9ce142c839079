package org.predspace.ui.compare;

import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ChoiceBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DatasetCatalog;
import org.predspace.export.CsvTable;
import org.predspace.geometry.distance.Parallelism;
import org.predspace.geometry.distance.ProbeShape;
import org.predspace.geometry.distance.SqrtProbabilities;
import org.predspace.geometry.trajectory.Geodesic;
import org.predspace.geometry.trajectory.Progress;
import org.predspace.geometry.trajectory.ProgressGrid;
import org.predspace.geometry.trajectory.ProgressObjective;
import org.predspace.geometry.trajectory.ReindexedTrajectory;
import org.predspace.geometry.trajectory.Trajectory;
import org.predspace.geometry.trajectory.TrajectoryComparison;
import org.predspace.runs.Checkpoint;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.ProbeInfo;
import org.predspace.runs.Run;
import org.predspace.runs.RunStatus;
import org.predspace.runs.RunWriter;
import org.predspace.session.ExplorerSession;
import org.predspace.session.TestRuns;
import org.predspace.ui.ExplorerModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives the Compare panel's "Configurations" view in a window: two configurations of three and
 * two seeds, and a third seed-mate of the first that did not learn (final training accuracy 0.6).
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ConfigurationViewTest {
    private static final int CHECKPOINTS = 8;
    private static final String A = "synthetic-mlp-lr0.1 \u00d73";
    private static final String B = "synthetic-linear-lr0.05 \u00d72";

    @TempDir
    Path tmp;
    private ExplorerModel model;
    private ComparePanel panel;
    private final List<Path> learned = new ArrayList<>();
    private Path stalled;

    @Start
    void start(Stage stage) throws Exception {
        for (int seed = 0; seed < 3; seed++) learned.add(write(tmp, "synthetic-mlp-lr0.1-s" + seed, "mlp", 0.1, seed, seed, 1.0));
        for (int seed = 0; seed < 2; seed++) learned.add(write(tmp, "synthetic-linear-lr0.05-s" + seed, "linear", 0.05, seed, 4 + seed, 1.0));
        stalled = write(tmp, "synthetic-mlp-lr0.1-s3", "mlp", 0.1, 3, 3, 0.6);
        model = new ExplorerModel(ExplorerSession.withDefaults(), new DatasetCatalog(), tmp.resolve("out"));
        panel = new ComparePanel(model);
        stage.setScene(new Scene(panel, 1400, 800));
        stage.show();
    }

    @AfterEach
    void shutDown() {
        model.shutdown();
    }

    /** A finished run whose predictions move from uniform towards the labels with a tilt of its own. */
    static Path write(Path parent, String name, String architecture, double lr, int seed, int tilt, double finalAccuracy) throws Exception {
        Path dir = parent.resolve(name);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("dataset", "synthetic");
        spec.put("architecture", architecture);
        spec.put("learning_rate", lr);
        spec.put("seed", seed);
        int[] labels = TestRuns.labels();
        try (RunWriter w = RunWriter.create(dir, name, TestRuns.C, new ProbeInfo(TestRuns.PROBE, TestRuns.N, "train"), spec,
                labels, labels)) {
            for (int k = 0; k < CHECKPOINTS; k++) {
                double t = k / (double) (CHECKPOINTS - 1);
                float[] p = TestRuns.towardsTruth(t, tilt);
                w.append(new Checkpoint(new CheckpointMetrics(10L * k, k, 1 - 0.9 * t, t * finalAccuracy, Double.NaN, Double.NaN),
                        p, p, null));
            }
            w.finish(RunStatus.FINISHED, Map.of());
        }
        return dir;
    }

    @Test
    void configurationsAreAveragedOverSeedPairsWithTheGeodesicAsALeafAndTheRunThatDidNotLearnListed(FxRobot robot)
            throws Exception {
        List<Path> all = new ArrayList<>(learned);
        all.add(stalled);
        WaitForAsyncUtils.asyncFx(() -> model.openRuns(all)).get();
        waitUntil(() -> model.runs().size() == all.size()
                && model.runs().stream().allMatch(r -> r.state().metrics().size() == CHECKPOINTS));
        waitUntil(() -> panel.settled() && panel.heatmap().runsInOrder().size() == all.size());

        robot.clickOn("Configurations");
        waitUntil(() -> panel.heatmap().runsInOrder().size() == 3);
        List<String> leaves = fx(() -> panel.heatmap().runsInOrder());
        assertEquals(List.of(A, B, ConfigurationComparison.GEODESIC).stream().sorted().toList(), leaves.stream().sorted().toList());
        assertShownDistances(ProgressObjective.BHATTACHARYYA, leaves);

        String listed = fx(() -> panel.leftOut().getText());
        assertTrue(fx(() -> panel.leftOut().isVisible()), "the list of runs left out is shown");
        assertTrue(listed.contains("synthetic-mlp-lr0.1-s3") && listed.contains("did not learn"), listed);

        List<XYChart.Series<Number, Number>> tubes = fx(() -> List.copyOf(panel.tubeCurves().chart().getData()));
        assertEquals(List.of(B, A), tubes.stream().map(XYChart.Series::getName).sorted().toList(), "one curve per configuration");
        assertTrue(fx(() -> panel.tubeCurves().chart().getXAxis().getLabel()).contains("[D]"));
        assertTrue(fx(() -> panel.tubeCurves().chart().getParent() != null), "the tube chart is on screen in this view");
        for (XYChart.Series<Number, Number> s : tubes) {
            assertTrue(s.getData().stream().allMatch(d -> d.getYValue().doubleValue() > 0), s.getName() + ": distinct seeds");
        }
        XYChart.Series<Number, Number> a = tubes.stream().filter(s -> s.getName().equals(A)).findFirst().orElseThrow();
        XYChart.Data<Number, Number> half = a.getData().stream().filter(d -> Math.abs(d.getXValue().doubleValue() - 50 / 99.0) < 1e-9)
                .findFirst().orElseThrow();
        assertEquals(tubeWidth(ProgressObjective.BHATTACHARYYA, 50), half.getYValue().doubleValue(), 1e-6, "tube width of A at grid value 50");
        assertEquals("progress_d_b", tubeTable().header().get(2));

        // [A]'s progress: recomputed, and named on the tube chart's axis
        double[][] before = fx(() -> panel.heatmap().matrixInOrder());
        @SuppressWarnings("unchecked")
        ChoiceBox<ProgressObjective> choice = (ChoiceBox<ProgressObjective>) robot.lookup("#compare-objective").query();
        WaitForAsyncUtils.asyncFx(() -> choice.setValue(ProgressObjective.ARC_LENGTH)).get();
        waitUntil(() -> panel.settled() && !Arrays.deepEquals(before, panel.heatmap().matrixInOrder()));
        assertTrue(fx(() -> panel.tubeCurves().chart().getXAxis().getLabel()).contains("[A]"));
        assertShownDistances(ProgressObjective.ARC_LENGTH, fx(() -> panel.heatmap().runsInOrder()));
        assertEquals("progress_arc", tubeTable().header().get(2), "the CSV names the progress it was computed with");

        robot.clickOn("Runs");
        waitUntil(() -> panel.heatmap().runsInOrder().size() == all.size());
        assertTrue(!fx(() -> panel.leftOut().isVisible()), "runs view: nothing is left out");
    }

    /** The heat map against the run-pair distances computed here, averaged over seed pairs in plain loops. */
    private void assertShownDistances(ProgressObjective objective, List<String> leaves) throws Exception {
        List<ReindexedTrajectory> reindexed = new ArrayList<>();
        ProgressGrid grid = ProgressGrid.evenly(ProgressGrid.DEFAULT_POINTS);
        ProbeShape shape = null;
        int[] labels = null;
        for (Path d : learned) {
            Run r = Run.open(d);
            labels = r.labels();
            shape = new ProbeShape(r.probe().id(), labels.length, r.classes());
            List<SqrtProbabilities> points = new ArrayList<>();
            for (int t = 0; t < r.checkpointCount(); t++) points.add(SqrtProbabilities.of(r.name(), shape, r.predictions(t)));
            reindexed.add(Trajectory.of(r.name(), points, Progress.ignoranceToTruth(shape, labels, objective)).reindex(grid));
        }
        // the geodesic as a run of 201 checkpoints whose progress is their parameter
        Geodesic g = Geodesic.ignoranceToTruth(shape, labels);
        double[] t = new double[201];
        for (int k = 0; k < t.length; k++) t[k] = k / 200.0;
        reindexed.add(Trajectory.of("geodesic", g.points(t.length), t).reindex(grid));
        TrajectoryComparison runs = TrajectoryComparison.of(reindexed, Parallelism.serial());
        Map<String, int[]> members = Map.of(A, new int[] {0, 1, 2}, B, new int[] {3, 4}, ConfigurationComparison.GEODESIC, new int[] {5});
        double[][] shown = fx(() -> panel.heatmap().matrixInOrder());
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                double sum = 0;
                int pairs = 0;
                for (int i : members.get(leaves.get(row))) {
                    for (int j : members.get(leaves.get(col))) {
                        sum += runs.distance(i, j);
                        pairs++;
                    }
                }
                double expected = row == col ? 0 : sum / pairs;
                assertEquals(expected, shown[row][col], 1e-6, objective + ": " + leaves.get(row) + " / " + leaves.get(col));
            }
        }
        assertNotEquals(0, shown[0][1]);
    }

    private CsvTable tubeTable() throws Exception {
        return fx(() -> panel.tables().stream().filter(t -> t.fileName().equals("tube-width")).findFirst().orElseThrow().table().get());
    }

    /** Configuration A's tube at one grid value, written out: the mean of its seeds' probabilities, then their mean d_B to it. */
    private double tubeWidth(ProgressObjective objective, int g) throws Exception {
        ProgressGrid grid = ProgressGrid.evenly(ProgressGrid.DEFAULT_POINTS);
        List<float[]> points = new ArrayList<>();
        ProbeShape shape = null;
        for (Path d : learned.subList(0, 3)) {
            Run r = Run.open(d);
            shape = new ProbeShape(r.probe().id(), r.labels().length, r.classes());
            List<SqrtProbabilities> checkpoints = new ArrayList<>();
            for (int t = 0; t < r.checkpointCount(); t++) checkpoints.add(SqrtProbabilities.of(r.name(), shape, r.predictions(t)));
            points.add(Trajectory.of(r.name(), checkpoints, Progress.ignoranceToTruth(shape, r.labels(), objective))
                    .reindex(grid).at(g).probabilities());
        }
        double[] mean = new double[points.get(0).length];
        for (float[] p : points) for (int k = 0; k < mean.length; k++) mean[k] += p[k] / (double) points.size();
        double width = 0;
        for (float[] p : points) {
            double log = 0;
            for (int n = 0; n < shape.samples(); n++) {
                double bc = 0;
                for (int c = 0; c < shape.classes(); c++) bc += Math.sqrt(p[n * shape.classes() + c] * mean[n * shape.classes() + c]);
                log += Math.log(bc);
            }
            width += -log / shape.samples() / points.size();
        }
        return width;
    }

    private void waitUntil(Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError(fx(() -> "heatmap " + panel.heatmap().runsInOrder() + ", settled " + panel.settled()
                    + ", problems " + model.problems()), e);
        }
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }
}
