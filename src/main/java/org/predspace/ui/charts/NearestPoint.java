package org.predspace.ui.charts;

import javafx.geometry.Point2D;

import java.util.List;

/** Picking on a chart: which plotted point a click meant, in pixels (a click is never exactly on a point). */
public final class NearestPoint {
    private NearestPoint() {}

    /** Index of the point nearest {@code click} within {@code tolerance} pixels, or -1 when none is that close. */
    public static int within(List<Point2D> points, Point2D click, double tolerance) {
        int best = -1;
        double bestDistance = tolerance;
        for (int i = 0; i < points.size(); i++) {
            Point2D p = points.get(i);
            if (p == null) continue;
            double d = p.distance(click);
            if (d <= bestDistance) {
                best = i;
                bestDistance = d;
            }
        }
        return best;
    }
}
