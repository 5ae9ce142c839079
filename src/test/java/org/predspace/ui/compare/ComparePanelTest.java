package org.predspace.ui.compare;

import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DatasetCatalog;
import org.predspace.geometry.trajectory.TrajectoryComparison;
import org.predspace.session.ExplorerSession;
import org.predspace.session.TestRuns;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.PanelOption;
import org.predspace.ui.RunItem;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives the real panel in a window: four synthetic runs of eight checkpoints on one probe. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ComparePanelTest {
    private static final int RUNS = 4;
    private static final int CHECKPOINTS = 8;

    @TempDir
    Path tmp;
    private ExplorerModel model;
    private ComparePanel panel;
    private List<Path> dirs;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        dirs = TestRuns.writeSynthetic(tmp, RUNS, CHECKPOINTS);
        model = new ExplorerModel(ExplorerSession.withDefaults(), new DatasetCatalog(), tmp.resolve("out"));
        panel = new ComparePanel(model);
        stage.setScene(new Scene(panel, 1400, 800));
        stage.show();
    }

    @AfterEach
    void shutDown() {
        model.shutdown();
    }

    @Test
    void heatmapShowsTheTrajectoryDistancesOfTheCompareCommandInLeafOrder() throws Exception {
        openAll();
        // the panel compares runs in the model's order (folders open in parallel, so it varies),
        // and a dendrogram's leaf order depends on its input order: compute directly in that order
        List<Path> inModelOrder = fx(() -> model.runs().stream().map(r -> r.state().dir()).toList());
        TrajectoryComparison direct = DirectComparison.of(inModelOrder);
        List<String> order = fx(() -> panel.heatmap().runsInOrder());
        double[][] shown = fx(() -> panel.heatmap().matrixInOrder());
        int[] leaves = direct.dendrogram().leafOrder();
        assertEquals(RUNS, order.size());
        for (int row = 0; row < RUNS; row++) {
            assertEquals(direct.runs().get(leaves[row]), order.get(row), "row " + row + " in dendrogram leaf order");
            for (int col = 0; col < RUNS; col++) {
                double expected = direct.distance(leaves[row], leaves[col]);
                assertEquals(expected, shown[row][col], 1e-9 * Math.max(1, expected), order.get(row) + " / " + order.get(col));
            }
        }
        assertTrue(shown[0][1] > 0, "distinct runs are apart");
        snapshot("heatmap");
    }

    @Test
    void theConfigurationsToggleAndTheModelsPanelModesFollowEachOther(FxRobot robot) throws Exception {
        var configurations = fx(() -> (ToggleButton) panel.lookup("#compare-configurations"));
        var mode = PanelOption.COMPARE_CONFIGURATIONS;
        robot.clickOn("#compare-configurations");
        assertTrue(fx(() -> model.panelModes().contains(mode)), "pressed by hand, the mode is in the set a chapter captures");
        WaitForAsyncUtils.asyncFx(() -> model.setPanelMode(mode, false)).get();
        assertFalse(fx(configurations::isSelected), "a chapter without the mode shows runs");
        assertTrue(fx(() -> configurations.getToggleGroup().getSelectedToggle() != null), "Runs is selected instead");
        WaitForAsyncUtils.asyncFx(() -> model.setPanelMode(mode, true)).get();
        assertTrue(fx(configurations::isSelected), "a chapter with the mode shows configurations");
    }

    @Test
    void switchingToTheHeldOutProbeRecomputesOnTheTestPredictions() throws Exception {
        openAll();
        double[][] training = fx(() -> panel.heatmap().matrixInOrder());
        WaitForAsyncUtils.asyncFx(() -> model.showProbe(ExplorerSession.Probe.HELD_OUT)).get();
        waitUntil(() -> panel.settled() && !Arrays.deepEquals(training, panel.heatmap().matrixInOrder()));
        TrajectoryComparison direct = DirectComparison.of(dirs, true);
        List<String> order = fx(() -> panel.heatmap().runsInOrder());
        double[][] shown = fx(() -> panel.heatmap().matrixInOrder());
        for (int row = 0; row < RUNS; row++) {
            for (int col = 0; col < RUNS; col++) {
                int i = direct.runs().indexOf(order.get(row));
                int j = direct.runs().indexOf(order.get(col));
                assertEquals(direct.distance(i, j), shown[row][col], 1e-9);
            }
        }
    }

    @Test
    void clickingARowLabelALeafOrACellSelectsThatRun(FxRobot robot) throws Exception {
        openAll();
        List<String> order = fx(() -> panel.heatmap().runsInOrder());
        HeatmapLayout g = fx(() -> panel.heatmap().geometry());

        robot.clickOn(onHeatmap(g.rowLabelX() + 30, g.slotCentre(2)));
        assertSelected(order.get(2));
        robot.clickOn(onHeatmap(g.cellsX() - 8, g.slotCentre(0)));
        assertSelected(order.get(0));
        robot.clickOn(onHeatmap(g.columnCentreX(1), g.slotCentre(3)));
        assertSelected(order.get(3));
        robot.clickOn(onHeatmap(g.columnCentreX(1), g.columnLabelY() + 30));
        assertSelected(order.get(1));
        // the secondary button is for the export menu: it selects nothing
        robot.rightClickOn(onHeatmap(g.rowLabelX() + 30, g.slotCentre(2)));
        robot.type(KeyCode.ESCAPE);
        assertSelected(order.get(1));
        snapshot("selected");
    }

    @Test
    void hidingARunRemovesItFromTheHeatmapAndTheCurves() throws Exception {
        openAll();
        WaitForAsyncUtils.asyncFx(() -> model.showRun(model.run("run-2"), false)).get();
        waitUntil(() -> panel.settled() && panel.heatmap().runsInOrder().size() == RUNS - 1);
        List<String> order = fx(() -> panel.heatmap().runsInOrder());
        assertFalse(order.contains("run-2"), order.toString());
        TrajectoryComparison direct = DirectComparison.of(List.of(dirs.get(0), dirs.get(1), dirs.get(3)));
        assertEquals(direct.distance(0, 2), fx(() -> panel.heatmap().matrixInOrder()[order.indexOf("run-0")][order.indexOf("run-3")]), 1e-9);
        waitUntil(() -> seriesNames(panel.progressCurves().chart().getData()).stream().sorted().toList()
                .equals(List.of("run-0", "run-1", "run-3")));
    }

    @Test
    void progressChartHasOneSeriesPerVisibleRunWithAPointPerCheckpoint() throws Exception {
        openAll();
        waitUntil(() -> panel.progressCurves().chart().getData().stream().mapToInt(s -> s.getData().size()).sum()
                == RUNS * CHECKPOINTS);
        List<XYChart.Series<Number, Number>> series = fx(() -> List.copyOf(panel.progressCurves().chart().getData()));
        assertEquals(List.of("run-0", "run-1", "run-2", "run-3"), seriesNames(series).stream().sorted().toList());
        for (XYChart.Series<Number, Number> s : series) {
            assertEquals(CHECKPOINTS, s.getData().size(), s.getName());
            // x is log10(step + 1): checkpoints are at steps 0, 10, 20...
            assertEquals(0, s.getData().get(0).getXValue().doubleValue(), 1e-12);
            assertEquals(Math.log10(71), s.getData().get(CHECKPOINTS - 1).getXValue().doubleValue(), 1e-12);
        }
        assertEquals(RUNS, fx(() -> panel.geodesicCurves().chart().getData().size()));
        assertEquals("step (log scale)", fx(() -> panel.progressCurves().chart().getXAxis().getLabel()));
    }

    @Test
    void clickingACurveSelectsItsRunAndDrawsItThicker(FxRobot robot) throws Exception {
        openAll();
        RunCurveChart curves = panel.geodesicCurves();
        int[] pick = fx(() -> mostIsolatedPoint(curves));
        String run = fx(() -> curves.curves().get(pick[0]).run());
        robot.clickOn(fx(() -> curves.screenPoint(pick[0], pick[1])));
        assertSelected(run);
        Node line = fx(() -> curves.chart().getData().get(pick[0]).getNode());
        assertTrue(line.getStyle().contains("-fx-stroke-width: 4.5px"), line.getStyle());
        Node other = fx(() -> curves.chart().getData().get((pick[0] + 1) % RUNS).getNode());
        assertTrue(other.getStyle().contains("-fx-opacity: 0.3"), other.getStyle());
    }

    @Test
    void onAHiddenTabTheChartsWaitAndCatchUpWhenTheTabIsShown() throws Exception {
        TabPane tabs = fx(() -> {
            TabPane t = new TabPane(
                    new Tab("Curves", new Label("in front")),
                    new Tab("Compare", panel));
            stage.setScene(new Scene(t, 1400, 800));
            return t;
        });
        WaitForAsyncUtils.waitForFxEvents();   // the tab pane's skin hides the unselected tab's content
        assertFalse(fx(() -> panel.getParent().isVisible()), "the Compare tab's content is hidden");
        WaitForAsyncUtils.asyncFx(() -> model.openRuns(dirs)).get();
        waitUntil(() -> model.runs().size() == RUNS && panel.settled() && panel.heatmap().runsInOrder().size() == RUNS
                && model.picture().frame().size() == RUNS * CHECKPOINTS + 2);
        Thread.sleep(3 * (long) ComparePanel.CHART_INTERVAL.toMillis());
        assertEquals(List.of(), fx(() -> seriesNames(panel.progressCurves().chart().getData())),
                "no curves are built behind another tab");
        assertEquals(RUNS, fx(() -> panel.heatmap().runsInOrder().size()), "the distances are computed all the same");

        WaitForAsyncUtils.asyncFx(() -> tabs.getSelectionModel().select(1)).get();
        assertEquals(RUNS * CHECKPOINTS, fx(() -> panel.progressCurves().chart().getData().stream()
                .mapToInt(x -> x.getData().size()).sum()), "shown at once, with every checkpoint");
    }

    // ---- helpers ---------------------------------------------------------------------------

    private void openAll() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> model.openRuns(dirs)).get();
        waitUntil(() -> model.runs().size() == RUNS
                && model.runs().stream().allMatch(r -> r.state().metrics().size() == CHECKPOINTS));
        waitUntil(() -> panel.settled() && panel.heatmap().runsInOrder().size() == RUNS
                && panel.geodesicCurves().chart().getData().stream().mapToInt(s -> s.getData().size()).sum() == RUNS * CHECKPOINTS);
        assertTrue(fx(() -> model.problems().isEmpty()), () -> model.problems().toString());
    }

    /** Waits for a condition read on the JavaFX thread; on timeout says what the panel shows. */
    private void waitUntil(Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError(fx(() -> "runs " + model.runs().stream().map(r -> r.name() + ":"
                    + r.state().metrics().size()).toList() + ", heatmap " + panel.heatmap().runsInOrder()
                    + ", settled " + panel.settled() + ", problems " + model.problems()), e);
        }
    }

    private Point2D onHeatmap(double x, double y) throws Exception {
        return fx(() -> panel.heatmap().localToScreen(x, y));
    }

    private void assertSelected(String run) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        RunItem selected = fx(() -> model.selectedRun());
        assertEquals(run, selected == null ? null : selected.name());
    }

    private static List<String> seriesNames(List<XYChart.Series<Number, Number>> series) {
        return series.stream().map(XYChart.Series::getName).toList();
    }

    /** {curve, point} whose point is furthest from every other curve's points on screen. */
    private static int[] mostIsolatedPoint(RunCurveChart curves) {
        int[] best = null;
        double bestGap = -1;
        int n = curves.curves().size();
        for (int i = 0; i < n; i++) {
            for (int k = 1; k < CHECKPOINTS; k++) {
                Point2D p = curves.screenPoint(i, k);
                double gap = Double.POSITIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    if (j == i) continue;
                    for (int m = 0; m < CHECKPOINTS; m++) gap = Math.min(gap, p.distance(curves.screenPoint(j, m)));
                }
                if (gap > bestGap) {
                    bestGap = gap;
                    best = new int[] {i, k};
                }
            }
        }
        assertTrue(bestGap > 2 * RunCurveChart.CLICK_TOLERANCE, "curves too close to click one: " + bestGap);
        return best;
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    /** With -Dcompare.snapshots=DIR, writes the panel as a PNG there to look at. */
    private void snapshot(String name) throws Exception {
        String dir = System.getProperty("compare.snapshots");
        if (dir == null) return;
        var image = fx(() -> SwingFXUtils.fromFXImage(panel.snapshot(null, null), null));
        ImageIO.write(image, "png", Path.of(dir, "compare-panel-" + name + ".png").toFile());
    }
}
