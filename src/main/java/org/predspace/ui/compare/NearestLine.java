package org.predspace.ui.compare;

import java.util.List;

/** Which drawn line a click is on: the one closest to the mouse, if it is within a tolerance. */
final class NearestLine {
    private NearestLine() {}

    /**
     * @param lines     each line's points in screen units, {x0, y0, x1, y1, ...}
     * @param tolerance furthest distance (screen units) that still counts as on a line
     * @return the index of the nearest line, or -1 when none is close enough
     */
    static int nearest(List<double[]> lines, double x, double y, double tolerance) {
        int best = -1;
        double bestDistance = tolerance;
        for (int i = 0; i < lines.size(); i++) {
            double d = distance(lines.get(i), x, y);
            if (d <= bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    /** Distance from (x, y) to a polyline (a single point counts as a line of one point). */
    static double distance(double[] line, double x, double y) {
        double best = Double.POSITIVE_INFINITY;
        if (line.length >= 2) best = Math.hypot(x - line[0], y - line[1]);
        for (int k = 2; k + 1 < line.length; k += 2) {
            best = Math.min(best, toSegment(line[k - 2], line[k - 1], line[k], line[k + 1], x, y));
        }
        return best;
    }

    private static double toSegment(double ax, double ay, double bx, double by, double x, double y) {
        double dx = bx - ax;
        double dy = by - ay;
        double length2 = dx * dx + dy * dy;
        double t = length2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / length2));
        return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
    }
}
