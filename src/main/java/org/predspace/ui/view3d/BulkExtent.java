package org.predspace.ui.view3d;

import java.util.Arrays;
import org.predspace.ui.CameraPose;

/**
 * The part of the picture the camera frames: the central {@link #CENTRAL} of the drawn points
 * on each axis (from the 1st to the 99th percentile), its middle as the centre, and the widest
 * of the three half-widths as the extent. One diverged run that shoots off, or a few jumpy
 * checkpoints, then stay in the picture beyond the frame instead of shrinking every other path
 * into a corner. The extent is the same on all axes, so distances keep their proportions: a
 * minor axis is not stretched to look as long as the first. Points with a NaN or infinite
 * coordinate are left out. Plain arithmetic, no JavaFX, so it is tested on explicit cases.
 *
 * @param centre    x, y, z of the box's middle, in the coordinates given
 * @param halfWidth half the widest side of the box (0 when every point is the same)
 */
record BulkExtent(double[] centre, double halfWidth) {
    /** The share of the points, on each axis, that the frame holds. */
    static final double CENTRAL = 0.98;

    BulkExtent {
        centre = centre.clone();
    }

    @Override
    public double[] centre() { return centre.clone(); }

    /**
     * @param xyz   x, y, z of each point, one after the other
     * @param count how many points of {@code xyz} to use
     * @return the central box, or null when no point has three finite coordinates
     */
    static BulkExtent of(double[] xyz, int count) {
        double[][] axes = new double[3][count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            double x = xyz[3 * i], y = xyz[3 * i + 1], z = xyz[3 * i + 2];
            if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) continue;
            axes[0][n] = x;
            axes[1][n] = y;
            axes[2][n] = z;
            n++;
        }
        if (n == 0) return null;
        double[] centre = new double[3];
        double half = 0;
        double tail = (1 - CENTRAL) / 2;
        for (int a = 0; a < 3; a++) {
            double[] v = Arrays.copyOf(axes[a], n);
            Arrays.sort(v);
            double low = quantile(v, tail), high = quantile(v, 1 - tail);
            centre[a] = (low + high) / 2;
            half = Math.max(half, (high - low) / 2);
        }
        return new BulkExtent(centre, half);
    }

    /** The q-quantile of sorted {@code v}, interpolated between neighbours (numpy's default). */
    static double quantile(double[] v, double q) {
        double at = q * (v.length - 1);
        int i = (int) Math.floor(at);
        if (i >= v.length - 1) return v[v.length - 1];
        return v[i] + (at - i) * (v[i + 1] - v[i]);
    }

    /** This box, with a half-width of at least {@code least} (a picture of one point still has a size). */
    BulkExtent atLeast(double least) {
        return halfWidth >= least ? this : new BulkExtent(centre, least);
    }

    /**
     * The far clipping distance that keeps every drawn point visible from any camera distance
     * the view allows: the points lie within {@code reach} scene units of the orbit's centre
     * and the camera at most {@link CameraPose#MAX_DISTANCE} from it.
     */
    static double farClip(double reach) {
        return Math.max(20_000, 2 * (CameraPose.MAX_DISTANCE + (Double.isFinite(reach) ? reach : 0)));
    }

    /**
     * The near clipping distance for {@code far}: 1 scene unit, raised only as far as needed to
     * keep the depth buffer's range (far / near) at 10^5, where markers still sort correctly.
     */
    static double nearClip(double far) { return Math.max(1, far / 1e5); }
}
