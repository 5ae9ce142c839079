package org.predspace.ui.charts;

import javafx.collections.ListChangeListener;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.HBox;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MarkedLineChart traces its own paths (only those that changed): they must be what JavaFX's
 * LineChart draws for the same data, side by side at the same size; an unchanged curve keeps
 * its path elements; a grown curve leaves the cached group without changing the stacking order.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class MarkedLineChartTest {
    private static final double[][][] CURVES = {
            {{1, 2}, {3, 1}, {2, 1.5}, {5, 0.5}}, // x out of order: drawn sorted along x
            {{1, 3}, {2, 2.5}, {4, 2}},
            {{2, 0.2}, {3, 0.4}},
    };
    private MarkedLineChart marked;
    private LineChart<Number, Number> reference;

    @BeforeEach
    void show() throws Exception {
        FxToolkit.setupStage(stage -> {
            marked = new MarkedLineChart(new NumberAxis(), new NumberAxis());
            reference = new LineChart<>(new NumberAxis(), new NumberAxis());
            reference.setCreateSymbols(false);
            reference.setAnimated(false);
            for (var chart : List.of(marked, reference)) {
                chart.setLegendVisible(false);
                chart.setPrefSize(420, 320);
                for (double[][] curve : CURVES) chart.getData().add(series(curve));
            }
            stage.setScene(new Scene(new HBox(marked, reference), 860, 340));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static XYChart.Series<Number, Number> series(double[][] points) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        for (double[] p : points) s.getData().add(new XYChart.Data<>(p[0], p[1]));
        return s;
    }

    /** Adds the point (x, y) to series {@code i} of both charts and waits for the layout. */
    private void grow(int i, double x, double y) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            for (var chart : List.of(marked, reference)) chart.getData().get(i).getData().add(new XYChart.Data<>(x, y));
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T fx(Callable<T> c) throws Exception { return WaitForAsyncUtils.asyncFx(c).get(); }

    private static Path path(XYChart<Number, Number> chart, int i) { return (Path) chart.getData().get(i).getNode(); }

    private void assertSameLinesAsLineChart() throws Exception {
        for (int i = 0; i < CURVES.length; i++) {
            int series = i;
            List<String> mine = fx(() -> describe(path(marked, series)));
            List<String> theirs = fx(() -> describe(path(reference, series)));
            assertTrue(mine.size() > 2, "series " + i + " is drawn");
            assertEquals(theirs, mine, "series " + i + " traced as LineChart traces it");
        }
    }

    private static List<String> describe(Path p) {
        List<String> out = new ArrayList<>();
        for (PathElement e : p.getElements()) {
            if (e instanceof MoveTo m) out.add(String.format("M %.3f %.3f", m.getX(), m.getY()));
            else if (e instanceof LineTo l) out.add(String.format("L %.3f %.3f", l.getX(), l.getY()));
            else out.add(e.toString());
        }
        return out;
    }

    @Test
    void pathsAreLineChartsAndOnlyGrownOnesAreRetraced() throws Exception {
        assertSameLinesAsLineChart();
        List<PathElement> first = fx(() -> List.copyOf(path(marked, 0).getElements()));
        List<PathElement> grown = fx(() -> List.copyOf(path(marked, 1).getElements()));

        grow(1, 4.5, 1.8); // inside the axes' current range: nothing else moves
        assertSameLinesAsLineChart();
        List<PathElement> firstAfter = fx(() -> List.copyOf(path(marked, 0).getElements()));
        for (int k = 0; k < first.size(); k++) assertSame(first.get(k), firstAfter.get(k), "an unchanged curve keeps its path");
        assertNotSame(grown.get(0), fx(() -> path(marked, 1).getElements().get(0)), "the grown curve is retraced");

        grow(2, 9, 7); // beyond both axes: every curve moves
        assertSameLinesAsLineChart();
        assertNotSame(first.get(0), fx(() -> path(marked, 0).getElements().get(0)), "a new axis range retraces all");
    }

    @Test
    void grownCurveAndThoseAboveItAreDrawnOutsideTheCachedGroupInSeriesOrder() throws Exception {
        Node settled = fx(() -> path(marked, 0).getParent());
        assertTrue(settled.isCache(), "the settled curves are drawn from one cached image");
        for (int i = 0; i < CURVES.length; i++) {
            int series = i;
            assertSame(settled, fx(() -> path(marked, series).getParent()), "nothing grew yet: series " + i + " is settled");
        }
        grow(1, 4.5, 1.8);
        assertSame(settled, fx(() -> path(marked, 0).getParent()), "below the grown curve: still cached");
        List<Node> plot = fx(() -> List.copyOf(settled.getParent().getChildrenUnmodifiable()));
        assertEquals(List.of(settled, fx(() -> path(marked, 1)), fx(() -> path(marked, 2))), plot.subList(0, 3),
                "the grown curve, then the one stacked above it, over the cached group");
        assertSame(marked.marker(), plot.get(3), "the marker stays above the curves");
        assertFalse(fx(() -> path(marked, 1).isCache()), "the growing curve itself is drawn directly");
    }

    @Test
    void aSeriesAddedOnScreenIsDrawnOutsideTheCachedGroupWhichKeepsItsCurves() throws Exception {
        Node settled = fx(() -> path(marked, 0).getParent());
        List<Node> cached = fx(() -> List.copyOf(((Group) settled).getChildren()));
        assertEquals(CURVES.length, cached.size());
        WaitForAsyncUtils.asyncFx(() -> marked.getData().add(series(new double[][] {{1, 1}, {2, 1.2}}))).get();
        WaitForAsyncUtils.waitForFxEvents();
        Path added = fx(() -> path(marked, CURVES.length));
        assertEquals(settled.getParent(), fx(added::getParent), "the new run's curve is drawn directly on the plot");
        assertEquals(cached, fx(() -> List.copyOf(((Group) settled).getChildren())),
                "the cached group is untouched, so its image stays valid");
        List<Node> plot = fx(() -> List.copyOf(settled.getParent().getChildrenUnmodifiable()));
        assertEquals(List.of(settled, added), plot.subList(0, 2), "stacked above the settled curves");
    }

    @Test
    void aGrownCurveRejoinsTheCachedGroupOnceItSettledWithoutAnyOtherChange() throws Exception {
        Node settled = fx(() -> path(marked, 0).getParent());
        grow(1, 4.5, 1.8);
        assertFalse(fx(() -> path(marked, 1).getParent() == settled), "growing: drawn directly");
        waitToSettle();
        assertAllIn(settled, "cached again");
    }

    private static void waitToSettle() throws InterruptedException {
        Thread.sleep(CurveLayers.SETTLE_NANOS / 1_000_000 + 500);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void assertAllIn(Node settled, String why) throws Exception {
        for (int i = 0; i < CURVES.length; i++) {
            int series = i;
            assertSame(settled, fx(() -> path(marked, series).getParent()), "series " + i + ": " + why);
        }
    }

    @Test
    void aLiveCurveStaysOutOfTheCachedGroupWhileItWaitsAndSettlesOnceItIsNotLive() throws Exception {
        Node settled = fx(() -> path(marked, 0).getParent());
        WaitForAsyncUtils.asyncFx(() -> marked.setLive(marked.getData().get(1), true)).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx(() -> path(marked, 1).getParent() == settled), "live without growing: drawn directly");
        grow(1, 4.5, 1.8);
        waitToSettle();
        assertFalse(fx(() -> path(marked, 1).getParent() == settled), "a live curve that did not grow for a while is still drawn directly");
        assertFalse(fx(() -> path(marked, 2).getParent() == settled), "and so is the one above it, keeping the stacking order");
        assertSame(settled, fx(() -> path(marked, 0).getParent()), "the one below stays cached");

        WaitForAsyncUtils.asyncFx(() -> marked.setLive(marked.getData().get(1), false)).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx(() -> path(marked, 1).getParent() == settled), "just ended: not cached at once");
        waitToSettle();
        assertAllIn(settled, "cached once the run ended and settled");
    }

    @Test
    void addingASeriesLeavesTheStyleOfTheOthersAlone() throws Exception {
        Path dashed = fx(() -> path(marked, 0));
        WaitForAsyncUtils.asyncFx(() -> {
            dashed.setStyle("-fx-stroke-dash-array: 6 5;");
            dashed.getStyleClass().add("faint-curve");
            marked.applyCss();
        }).get();
        assertEquals(List.of(6.0, 5.0), fx(() -> List.copyOf(dashed.getStrokeDashArray())));
        XYChart.Series<Number, Number> added = series(new double[][] {{1, 1}, {2, 2}});
        // LineChart sets every series' classes anew here, which re-applies CSS to each curve at once
        int dashChanges = fx(() -> {
            int[] changes = {0};
            ListChangeListener<Double> count = c -> changes[0]++;
            dashed.getStrokeDashArray().addListener(count);
            marked.getData().add(added);
            dashed.getStrokeDashArray().removeListener(count);
            return changes[0];
        });
        assertEquals(0, dashChanges, "the dash list of a curve that did not change is not reset (it would be rasterised again)");
        assertTrue(fx(() -> dashed.getStyleClass().containsAll(List.of("chart-series-line", "faint-curve"))), "its classes are kept");
        assertTrue(fx(() -> added.getNode().getStyleClass().contains("chart-series-line")), "the new curve is a series line");
    }

    @Test
    void aRemovedSeriesLeavesTheCachedGroup() throws Exception {
        Path removed = fx(() -> path(marked, 0));
        assertTrue(fx(() -> removed.getParent() != null));
        WaitForAsyncUtils.asyncFx(() -> marked.getData().remove(0)).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(null, fx(removed::getParent), "its path is no longer drawn");
    }
}
