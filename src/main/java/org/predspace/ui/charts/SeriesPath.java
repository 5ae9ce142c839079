package org.predspace.ui.charts;

import javafx.scene.chart.Axis;
import javafx.scene.chart.XYChart;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The line of one series in plot coordinates, traced as LineChart traces it (createSymbols off,
 * no animation, points sorted along x): NaN positions are skipped, points beyond the x axis are
 * dropped except the nearest one on each side (so the line still runs to the edge), and a series
 * with nothing to draw leaves its path as it was. A separate tracer so that a chart can retrace
 * only the series that changed: retracing a path makes the renderer rasterise it again.
 */
final class SeriesPath {
    private SeriesPath() {}

    static void trace(XYChart.Series<Number, Number> series, Path path, Axis<Number> xAxis, Axis<Number> yAxis) {
        double halfLine = path.getStrokeWidth() / 2;
        double xMin = -halfLine;
        double xMax = xAxis.getWidth() + halfLine;
        List<LineTo> points = new ArrayList<>(series.getData().size() + 2);
        LineTo before = null;
        LineTo after = null;
        for (XYChart.Data<Number, Number> d : series.getData()) {
            double x = xAxis.getDisplayPosition(d.getXValue());
            double y = yAxis.getDisplayPosition(d.getYValue());
            if (Double.isNaN(x) || Double.isNaN(y)) continue;
            if (x < xMin) {
                if (before == null || before.getX() <= x) before = new LineTo(x, y);
            } else if (x > xMax) {
                if (after == null || x <= after.getX()) after = new LineTo(x, y);
            } else {
                points.add(new LineTo(x, y));
            }
        }
        if (points.isEmpty() && before == null && after == null) return;
        points.sort(Comparator.comparingDouble(LineTo::getX));
        if (before != null) points.add(0, before);
        if (after != null) points.add(after);
        List<PathElement> elements = new ArrayList<>(points.size() + 1);
        elements.add(new MoveTo(points.get(0).getX(), points.get(0).getY()));
        elements.addAll(points);
        path.getElements().setAll(elements);
    }
}
