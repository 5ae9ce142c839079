package org.predspace.ui.view3d;

import java.util.Arrays;

/**
 * Maps InPCA coordinates to scene units so the bulk of the picture ({@link BulkExtent}) fills a
 * fixed radius around the scene's origin, and eases the factor and the centre towards their
 * targets over a few frames when the picture changes, so points glide instead of jumping when a
 * new run widens the extent.
 */
final class SceneScale {
    /** Half-width of the framed bulk in scene units: about 80% of the narrower half of the view at the default pose. */
    static final double RADIUS = 370;
    /** Fraction of the remaining gap closed per frame. */
    static final double EASING = 0.25;

    private double current = Double.NaN;
    private double target = Double.NaN;
    private final double[] centre = new double[3];
    private final double[] centreTarget = new double[3];

    /**
     * Sets the target so that {@code extent} around {@code middle} (InPCA units, drawn x, y, z)
     * fills the radius; extents of 0 or NaN keep the last.
     */
    void aimAt(double extent, double[] middle) {
        if (!(extent > 0) || !Double.isFinite(extent)) return;
        target = RADIUS / extent;
        System.arraycopy(middle, 0, centreTarget, 0, 3);
        if (Double.isNaN(current)) {
            current = target;
            System.arraycopy(middle, 0, centre, 0, 3);
        }
    }

    /** Advances one frame; true while still moving (the view must redraw). */
    boolean step() {
        if (Double.isNaN(target)) return false;
        double gap = target - current;
        double shift = 0;
        for (int a = 0; a < 3; a++) shift = Math.max(shift, Math.abs(centreTarget[a] - centre[a]));
        // done when the factor is within 0.2% and the centre within half a scene unit
        if (Math.abs(gap) <= 0.002 * target && shift * target <= 0.5) {
            boolean moved = current != target || shift > 0;
            current = target;
            System.arraycopy(centreTarget, 0, centre, 0, 3);
            return moved;
        }
        current += EASING * gap;
        for (int a = 0; a < 3; a++) centre[a] += EASING * (centreTarget[a] - centre[a]);
        return true;
    }

    double factor() { return Double.isNaN(current) ? 1 : current; }

    /** The InPCA point drawn at the scene's origin (where the camera orbits). */
    double[] centre() { return centre.clone(); }

    /** Scene coordinate of InPCA coordinate {@code value} on drawn axis {@code d} (0 x, 1 y, 2 z). */
    double toScene(double value, int d) { return factor() * (value - centre[d]); }

    /** The InPCA coordinate on drawn axis {@code d} of scene coordinate {@code scene}: the inverse of {@link #toScene}. */
    double fromScene(double scene, int d) { return scene / factor() + centre[d]; }

    void reset() {
        current = Double.NaN;
        target = Double.NaN;
        Arrays.fill(centre, 0);
        Arrays.fill(centreTarget, 0);
    }
}
