package org.predspace.ui.landscape;

import java.util.ArrayList;
import java.util.List;

/**
 * Contour lines of a grid of values by marching squares: for each square of four neighbouring
 * grid points, the level crosses the edges whose ends lie on either side of it, at the linearly
 * interpolated point. Positions are in grid units (column, row), so the caller maps them to the
 * plane's coordinates or to pixels. Squares with a value not yet evaluated (NaN, a coarse pass)
 * are skipped: a contour is only drawn where it was measured.
 */
final class ContourLines {
    private ContourLines() {}

    /** A piece of a contour from (column1, row1) to (column2, row2), in fractional grid units. */
    record Segment(double column1, double row1, double column2, double row2) {}

    /** The segments where {@code values[row][column]} crosses {@code level}. */
    static List<Segment> at(double[][] values, double level) {
        List<Segment> out = new ArrayList<>();
        for (int r = 0; r + 1 < values.length; r++) {
            for (int c = 0; c + 1 < values[r].length; c++) {
                double a = values[r][c], b = values[r][c + 1], d = values[r + 1][c], e = values[r + 1][c + 1];
                if (Double.isNaN(a) || Double.isNaN(b) || Double.isNaN(d) || Double.isNaN(e)) continue;
                square(out, r, c, a, b, e, d, level);
            }
        }
        return out;
    }

    /**
     * One square with corners top-left a, top-right b, bottom-right e, bottom-left d (row r at
     * the top). Its edges in order top, right, bottom, left; a crossing is where one end is at or
     * above the level and the other below it.
     */
    private static void square(List<Segment> out, int r, int c, double a, double b, double e, double d, double level) {
        double[][] crossings = new double[4][];
        int n = 0;
        if ((a >= level) != (b >= level)) crossings[0] = new double[] {c + t(a, b, level), r};
        if ((b >= level) != (e >= level)) crossings[1] = new double[] {c + 1, r + t(b, e, level)};
        if ((d >= level) != (e >= level)) crossings[2] = new double[] {c + t(d, e, level), r + 1};
        if ((a >= level) != (d >= level)) crossings[3] = new double[] {c, r + t(a, d, level)};
        for (double[] x : crossings) if (x != null) n++;
        if (n == 2) {
            double[] p = null;
            for (double[] x : crossings) {
                if (x == null) continue;
                if (p == null) p = x; else out.add(new Segment(p[0], p[1], x[0], x[1]));
            }
        } else if (n == 4) {
            // a saddle: which pairs join depends on the centre, estimated as the mean of the corners
            boolean centreAbove = (a + b + d + e) / 4 >= level;
            boolean aAbove = a >= level;
            if (centreAbove == aAbove) {
                // a's region joins the centre: the lines cut off b and d
                out.add(segment(crossings[0], crossings[1]));
                out.add(segment(crossings[2], crossings[3]));
            } else {
                // a is cut off (with e on the other side)
                out.add(segment(crossings[3], crossings[0]));
                out.add(segment(crossings[1], crossings[2]));
            }
        }
    }

    private static Segment segment(double[] p, double[] q) { return new Segment(p[0], p[1], q[0], q[1]); }

    /** Where between v0 (at 0) and v1 (at 1) the linear interpolant equals the level. */
    private static double t(double v0, double v1, double level) {
        return (level - v0) / (v1 - v0);
    }

    /**
     * {@code count} levels evenly spaced in log10 between the smallest and largest finite
     * positive values, excluding the extremes themselves (they would be single points). Losses
     * span decades near a minimum, so even spacing in the loss would crowd every line at the rim.
     */
    static double[] logLevels(double[][] values, int count) {
        double[] range = positiveRange(values);
        if (range == null || !(range[1] > range[0]) || count < 1) return new double[0];
        double l0 = Math.log10(range[0]), l1 = Math.log10(range[1]);
        double[] levels = new double[count];
        for (int k = 0; k < count; k++) levels[k] = Math.pow(10, l0 + (l1 - l0) * (k + 1) / (count + 1));
        return levels;
    }

    /** {smallest, largest} of the finite positive values (a loss's log is drawn), or null when there is none. */
    static double[] positiveRange(double[][] values) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v) && v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return hi >= lo ? new double[] {lo, hi} : null;
    }
}
