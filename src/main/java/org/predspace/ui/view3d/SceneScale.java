package org.predspace.ui.view3d;

/**
 * Maps InPCA coordinates to scene units so the picture fills a fixed radius, and eases the
 * factor towards its target over a few frames when the picture grows, so points glide
 * instead of jumping when a new run widens the extent.
 */
final class SceneScale {
    static final double RADIUS = 300;
    /** Fraction of the remaining gap closed per frame. */
    static final double EASING = 0.25;

    private double current = Double.NaN;
    private double target = Double.NaN;

    /** Sets the target from the largest |coordinate| drawn; extents of 0 or NaN keep the last. */
    void aimAt(double extent) {
        if (!(extent > 0) || !Double.isFinite(extent)) return;
        target = RADIUS / extent;
        if (Double.isNaN(current)) current = target;
    }

    /** Advances one frame; true while still moving (the view must redraw). */
    boolean step() {
        if (Double.isNaN(target)) return false;
        double gap = target - current;
        if (Math.abs(gap) <= 0.002 * target) {
            boolean moved = current != target;
            current = target;
            return moved;
        }
        current += EASING * gap;
        return true;
    }

    double factor() { return Double.isNaN(current) ? 1 : current; }

    void reset() {
        current = Double.NaN;
        target = Double.NaN;
    }
}
