package org.predspace.ui.compare;

import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ToggleButton;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.geometry.trajectory.DistanceByProgress;
import org.predspace.geometry.trajectory.ReindexedTrajectory;
import org.predspace.geometry.trajectory.TrajectoryComparison;
import org.predspace.session.ExplorerSession;
import org.predspace.session.TestRuns;
import org.predspace.session.TwoTaskRuns;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.PanelFixtures;
import org.predspace.ui.PanelOption;
import org.predspace.ui.charts.ColourPalette;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Compare panel's chart of trajectory distance against progress from the selected run, and its
 * Groups view: four synthetic runs (architectures mlp, linear, mlp, linear) on one probe, and,
 * once the session has the imprinted picture, runs of two tasks in it.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class DistanceFromSelectedTest {
    private static final int RUNS = 4;
    private static final int CHECKPOINTS = 8;

    @TempDir
    Path tmp;
    private ExplorerModel model;
    private ComparePanel panel;

    @Start
    void start(Stage stage) {
        model = PanelFixtures.model(tmp);
        panel = new ComparePanel(model);
        stage.setScene(new Scene(panel, 1400, 900));
        stage.show();
    }

    @AfterEach
    void shutDown() {
        model.shutdown();
    }

    @Test
    void theChartDrawsDbAtEqualProgressFromTheSelectedRunToEachOtherInItsColour(FxRobot robot) throws Exception {
        List<Path> dirs = TestRuns.writeSynthetic(tmp, RUNS, CHECKPOINTS);
        open(dirs);
        assertTrue(fx(() -> panel.fromSelected().curves().isEmpty()), "nothing selected, nothing drawn");
        assertEquals(ComparePanel.FROM_NOTHING, fx(() -> panel.fromSelected().chart().getTitle()));

        select("run-0");
        waitUntil(() -> panel.fromSelected().curves().size() == RUNS - 1);
        List<ReindexedTrajectory> direct = DirectComparison.reindexed(dirs, false, false);
        List<RunCurveChart.Curve> curves = fx(() -> panel.fromSelected().curves());
        assertEquals(Set.of("run-1", "run-2", "run-3"), Set.copyOf(curves.stream().map(RunCurveChart.Curve::run).toList()));
        List<String> order = fx(() -> panel.heatmap().runsInOrder());
        double[][] matrix = fx(() -> panel.heatmap().matrixInOrder());
        for (RunCurveChart.Curve c : curves) {
            int j = Integer.parseInt(c.run().substring(4));
            DistanceByProgress expected = DistanceByProgress.between(direct.get(0), direct.get(j));
            assertArrayEquals(expected.progress(), c.x(), 1e-12, c.run());
            assertArrayEquals(expected.values(), c.y(), 1e-12, c.run());
            assertEquals(fx(() -> model.run(c.run()).colour()), c.colour(), "coloured as the picture colours " + c.run());
            double mean = Arrays.stream(c.y()).average().orElseThrow();
            assertEquals(matrix[order.indexOf("run-0")][order.indexOf(c.run())], mean, 1e-4 * mean + 1e-7,
                    "the heat map's entry is the curve's mean (its kernel sums in float)");
        }
        assertEquals("Trajectory distance from run-0 against progress", fx(() -> panel.fromSelected().chart().getTitle()));
        assertTrue(fx(() -> panel.tables().stream().filter(t -> t.fileName().equals("distance-from-selected")).findFirst()
                .orElseThrow().table().get().rowCount()) > 3 * 50, "every curve's points in the table");

        // a click on a curve selects that run; the chart then starts from it
        int[] pick = fx(() -> farthestEnd(panel.fromSelected()));
        String clicked = curves.get(pick[0]).run();
        robot.clickOn(fx(() -> panel.fromSelected().screenPoint(pick[0], pick[1])));
        waitUntil(() -> model.selectedRun() != null && model.selectedRun().name().equals(clicked)
                && panel.fromSelected().curves().stream().noneMatch(c -> c.run().equals(clicked)));
        PanelFixtures.snapshot(panel, "compare-panel-from-selected");
    }

    @Test
    void theGroupsViewAveragesOverTheRunsOfEachValueAndDrawsTheSelectedGroupsCurves(FxRobot robot) throws Exception {
        List<Path> dirs = TestRuns.writeSynthetic(tmp, RUNS, CHECKPOINTS);
        open(dirs);
        select("run-0");
        robot.clickOn("#compare-groups");
        waitUntil(() -> panel.settled() && panel.heatmap().runsInOrder().contains("all"));
        assertEquals(Set.of("all", "geodesic"), Set.copyOf(fx(() -> panel.heatmap().runsInOrder())),
                "runs with a spec and no task are on the full problem");
        assertFalse(fx(() -> panel.agreement().isVisible()));

        @SuppressWarnings("unchecked")
        ChoiceBox<String> by = fx(() -> (ChoiceBox<String>) panel.lookup("#compare-group-by"));
        WaitForAsyncUtils.asyncFx(() -> by.setValue("architecture")).get();
        waitUntil(() -> panel.settled() && panel.heatmap().runsInOrder().contains("mlp"));
        List<String> order = fx(() -> panel.heatmap().runsInOrder());
        assertEquals(Set.of("mlp", "linear", "geodesic"), Set.copyOf(order));
        TrajectoryComparison direct = DirectComparison.of(dirs);
        // runs 0, 2 are mlp; 1, 3 linear
        double mean = (direct.distance(0, 1) + direct.distance(0, 3) + direct.distance(2, 1) + direct.distance(2, 3)) / 4;
        assertEquals(mean, fx(() -> panel.heatmap().matrixInOrder()[order.indexOf("mlp")][order.indexOf("linear")]), 1e-9);

        waitUntil(() -> panel.fromSelected().curves().size() == 1);
        RunCurveChart.Curve toLinear = fx(() -> panel.fromSelected().curves().get(0));
        assertEquals("linear", toLinear.run());
        assertEquals("Trajectory distance from architecture mlp against progress", fx(() -> panel.fromSelected().chart().getTitle()));
        List<ReindexedTrajectory> runs = DirectComparison.reindexed(dirs, false, false);
        DistanceByProgress expected = DistanceByProgress.averaged("mlp", "linear", List.of(
                DistanceByProgress.between(runs.get(0), runs.get(1)), DistanceByProgress.between(runs.get(0), runs.get(3)),
                DistanceByProgress.between(runs.get(2), runs.get(1)), DistanceByProgress.between(runs.get(2), runs.get(3))));
        assertArrayEquals(expected.values(), toLinear.y(), 1e-12);
        // the runs of a group differ in colour in the picture: the groups take the palette's, in group order (linear second)
        assertNotEquals(fx(() -> model.run("run-1").colour()), fx(() -> model.run("run-3").colour()));
        assertEquals(ColourPalette.CATEGORICAL.get(1), toLinear.colour());
        PanelFixtures.snapshot(panel, "compare-panel-groups");

        robot.clickOn(fx(() -> panel.fromSelected().screenPoint(0, toLinear.x().length - 1)));
        waitUntil(() -> model.selectedRun() != null && model.selectedRun().name().equals("run-1"));
    }

    @Test
    void aChaptersCompareTasksOptionAndTheGroupsByTaskFollowEachOther(FxRobot robot) throws Exception {
        var mode = PanelOption.COMPARE_TASKS;
        @SuppressWarnings("unchecked")
        ChoiceBox<String> by = fx(() -> (ChoiceBox<String>) panel.lookup("#compare-group-by"));
        var groups = fx(() -> (ToggleButton) panel.lookup("#compare-groups"));
        WaitForAsyncUtils.asyncFx(() -> by.setValue("architecture")).get();
        assertTrue(fx(groups::isSelected), "choosing a field shows the groups");
        assertFalse(fx(() -> model.panelModes().contains(mode)), "by architecture is not the task dendrogram");
        WaitForAsyncUtils.asyncFx(() -> model.setPanelMode(mode, true)).get();
        assertEquals("task", fx(by::getValue));
        assertTrue(fx(groups::isSelected));
        robot.clickOn("Runs");
        assertFalse(fx(() -> model.panelModes().contains(mode)), "left by hand, a chapter captured now has it off");
        robot.clickOn("#compare-groups");
        assertTrue(fx(() -> model.panelModes().contains(mode)));
    }

    /** On the imprinted picture, runs of two tasks meet and group by task. */
    @Test
    void onTheImprintedPictureRunsOfTwoTasksGroupByTask(FxRobot robot) throws Exception {
        ExplorerSession.Probe imprinted = ExplorerSession.Probe.IMPRINTED;
        List<Path> dirs = TwoTaskRuns.write(tmp);
        WaitForAsyncUtils.asyncFx(() -> model.showProbe(imprinted)).get();
        WaitForAsyncUtils.asyncFx(() -> model.openRuns(dirs)).get();
        waitUntil(() -> model.runs().size() == RUNS && model.runs().stream().allMatch(r -> r.state().metrics().size() == 9));
        waitUntil(() -> panel.settled() && panel.heatmap().runsInOrder().size() == RUNS);
        robot.clickOn("#compare-groups");
        waitUntil(() -> panel.settled() && Set.copyOf(panel.heatmap().runsInOrder()).equals(Set.of("all", TwoTaskRuns.SUBSET, "geodesic")));
        select("sub-s0");
        waitUntil(() -> panel.fromSelected().curves().size() == 1 && panel.fromSelected().curves().get(0).run().equals("all"));
        PanelFixtures.snapshot(panel, "compare-panel-imprinted-groups");
    }

    // ---- helpers ---------------------------------------------------------------------------

    private void open(List<Path> dirs) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> model.openRuns(dirs)).get();
        waitUntil(() -> model.runs().size() == dirs.size()
                && model.runs().stream().allMatch(r -> r.state().metrics().size() == CHECKPOINTS));
        waitUntil(() -> panel.settled() && panel.heatmap().runsInOrder().size() == dirs.size());
    }

    private void select(String run) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> model.chooseRun(model.run(run))).get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** {curve, point}: the last point of the curve that ends highest, clear of the others there. */
    private static int[] farthestEnd(RunCurveChart chart) {
        List<RunCurveChart.Curve> curves = chart.curves();
        int best = 0;
        for (int i = 1; i < curves.size(); i++) {
            double[] y = curves.get(i).y();
            if (y[y.length - 1] > curves.get(best).y()[curves.get(best).y().length - 1]) best = i;
        }
        return new int[] {best, curves.get(best).x().length - 1};
    }

    private void waitUntil(Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError(fx(() -> "runs " + model.runs().stream().map(r -> r.name() + ":" + r.state().metrics().size()).toList()
                    + ", heatmap " + panel.heatmap().runsInOrder() + ", settled " + panel.settled() + ", from selected "
                    + panel.fromSelected().curves().stream().map(RunCurveChart.Curve::run).toList() + ", selected "
                    + (model.selectedRun() == null ? null : model.selectedRun().name()) + ", problems " + model.problems()), e);
        }
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }
}
