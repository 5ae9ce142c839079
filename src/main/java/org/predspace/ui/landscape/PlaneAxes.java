package org.predspace.ui.landscape;

import org.predspace.landscape.LinePath;
import org.predspace.landscape.PlaneLandscape;
import org.predspace.landscape.PlaneSlice;

/**
 * The grid axes the panel evaluates a plane on: {@link PlaneLandscape#axis}'s (the path with a
 * margin, or [-1, 1]), the shorter one widened about its centre to at least half the longer.
 * The heat map keeps equal scales on both axes, so that a checkpoint's ring (its distance off
 * the plane) is a true distance; a trajectory that runs mostly along one direction would
 * otherwise give a strip a few cells high, with nothing of the valley's sides.
 */
final class PlaneAxes {
    static final double MIN_ASPECT = 0.5;

    private PlaneAxes() {}

    /** {xs, ys} for a grid of {@code count} points per axis. */
    static double[][] of(PlaneSlice slice, int count) {
        double[] xs = PlaneLandscape.axis(slice, 0, count);
        double[] ys = PlaneLandscape.axis(slice, 1, count);
        double xSpan = span(xs), ySpan = span(ys);
        if (ySpan < MIN_ASPECT * xSpan) ys = widened(ys, MIN_ASPECT * xSpan, count);
        else if (xSpan < MIN_ASPECT * ySpan) xs = widened(xs, MIN_ASPECT * ySpan, count);
        return new double[][] {xs, ys};
    }

    private static double span(double[] axis) { return axis[axis.length - 1] - axis[0]; }

    private static double[] widened(double[] axis, double span, int count) {
        double centre = (axis[0] + axis[axis.length - 1]) / 2;
        return LinePath.alphas(centre - span / 2, centre + span / 2, count);
    }
}
