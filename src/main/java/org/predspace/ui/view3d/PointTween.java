package org.predspace.ui.view3d;

import java.util.Arrays;
import java.util.Objects;

/**
 * Glides points from where they were drawn to where a new frame puts them. A refresh of the
 * live picture recomputes its InPCA axes (docs/science.md section 3): the axes stay the
 * eigen-axes, so the points move, and gliding them over {@link #DURATION_NANOS} lets the eye
 * follow instead of seeing a jump (docs/architecture.md, live refresh).
 *
 * <p>Positions are in picture units on the three drawn axes (x, y, z per point), before the
 * scene scale: the scale eases on its own. Points keep their index from frame to frame
 * (checkpoints are appended); a point new in this frame appears at its place. A change of what
 * the coordinates mean (another probe's picture, other axes) is not a move: it is drawn at once.
 */
final class PointTween {
    static final long DURATION_NANOS = 400_000_000L;

    private double[] from = new double[0];
    private double[] to = new double[0];
    private int count;
    private long start;
    private Object reference;
    /** The points were drawn at their targets since the last glide began. */
    private boolean arrived = true;

    /**
     * Aims at new positions.
     *
     * @param target    x, y, z of each of {@code n} points
     * @param reference what the coordinates are of (picture and axes): a glide only within the same one
     */
    void aim(double[] target, int n, Object reference, long now) {
        boolean sameMeaning = Objects.equals(reference, this.reference);
        int kept = Math.min(count, n);
        boolean oldPointsStay = sameMeaning && Arrays.equals(to, 0, 3 * kept, target, 0, 3 * kept);
        double[] nextFrom = new double[3 * n];
        if (oldPointsStay) {
            // only points were added (or nothing moved): the glide under way goes on undisturbed
            System.arraycopy(from, 0, nextFrom, 0, 3 * kept);
        } else if (sameMeaning) {
            System.arraycopy(positions(now), 0, nextFrom, 0, 3 * kept);
            start = now;
            arrived = false;
        } else {
            System.arraycopy(target, 0, nextFrom, 0, 3 * kept);
            start = now - DURATION_NANOS;
        }
        System.arraycopy(target, 3 * kept, nextFrom, 3 * kept, 3 * (n - kept));
        from = nextFrom;
        to = Arrays.copyOf(target, 3 * n);
        count = n;
        this.reference = reference;
    }

    /** Where the points are drawn at {@code now}: x, y, z per point. */
    double[] positions(long now) {
        double t = progress(now);
        if (t >= 1) return to.clone();
        double s = t * t * (3 - 2 * t);   // smooth start and stop
        double[] out = new double[3 * count];
        for (int i = 0; i < out.length; i++) out[i] = from[i] + s * (to[i] - from[i]);
        return out;
    }

    /**
     * Whether the view must draw the points again at {@code now}: while they are on their way,
     * and once more when they arrive, so the last frame drawn has them exactly in place.
     */
    boolean step(long now) {
        if (progress(now) < 1 && !Arrays.equals(from, to)) return true;
        boolean arriving = !arrived;
        arrived = true;
        return arriving;
    }

    private double progress(long now) {
        return Math.max(0, Math.min(1, (now - start) / (double) DURATION_NANOS));
    }
}
