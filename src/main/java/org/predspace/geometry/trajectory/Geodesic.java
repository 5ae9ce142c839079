package org.predspace.geometry.trajectory;

import org.predspace.geometry.distance.Anchors;
import org.predspace.geometry.distance.ProbeShape;
import org.predspace.geometry.distance.SqrtProbabilities;
import java.util.ArrayList;
import java.util.List;

/**
 * The Bhattacharyya geodesic between two points (docs/science.md section 4): per sample, the
 * great circle between the unit vectors sqrt(A_n) and sqrt(B_n),
 * sqrt(gamma_n(t)) = [sin((1-t) theta_n) sqrt(A_n) + sin(t theta_n) sqrt(B_n)] / sin(theta_n),
 * theta_n = arccos(sqrt(A_n) . sqrt(B_n)). Where theta_n is (nearly) 0 the two are the same
 * distribution and gamma_n(t) = A_n, as in the code of [D].
 */
public final class Geodesic {
    /** Angles below this are treated as identical distributions (the threshold of [D]). */
    static final double SAME_DIRECTION = 1e-6;
    /** Points drawn along the geodesic in [A]: t = linspace(0, 1, 100). */
    public static final int DRAWN_POINTS = 100;

    private final SqrtProbabilities from;
    private final SqrtProbabilities to;
    private final double[] theta;

    private Geodesic(SqrtProbabilities from, SqrtProbabilities to) {
        from.requireSameProbe(to);
        this.from = from;
        this.to = to;
        int n = from.samples();
        int c = from.classes();
        theta = new double[n];
        float[] a = from.values();
        float[] b = to.values();
        for (int s = 0; s < n; s++) {
            double dot = 0;
            for (int k = s * c; k < (s + 1) * c; k++) dot += (double) a[k] * b[k];
            theta[s] = Math.acos(Math.min(1, Math.max(0, dot)));
        }
    }

    public static Geodesic between(SqrtProbabilities from, SqrtProbabilities to) {
        return new Geodesic(from, to);
    }

    /** The geodesic of [A] and [D]: from ignorance P0 to truth P*. */
    public static Geodesic ignoranceToTruth(ProbeShape shape, int[] labels) {
        return new Geodesic(Anchors.ignorance(shape), Anchors.truth(shape, labels));
    }

    public SqrtProbabilities from() { return from; }

    public SqrtProbabilities to() { return to; }

    /** theta_n, the length of the per-sample arc. */
    double angle(int sample) { return theta[sample]; }

    /** gamma(t) for t in [0, 1]. */
    public SqrtProbabilities at(double t) {
        return SqrtProbabilities.ofSqrt("geodesic", from.shape(), slerp(from.values(), to.values(), theta, from.classes(), t));
    }

    /** gamma(t) at {@code count} evenly spaced t from 0 to 1 (both included). */
    public List<SqrtProbabilities> points(int count) {
        if (count < 2) throw new IllegalArgumentException("need at least two points, got " + count);
        List<SqrtProbabilities> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(at(i / (double) (count - 1)));
        return out;
    }

    /**
     * The geodesic as a trajectory re-indexed on {@code grid}: gamma(tau) at every grid value tau,
     * so it can be compared with runs like a run (a leaf of [A]'s dendrogram). Its progress is its
     * parameter under either {@link ProgressObjective}: a point of the geodesic is its own closest point.
     */
    public ReindexedTrajectory reindexed(String name, ProgressGrid grid) {
        SqrtProbabilities[] points = new SqrtProbabilities[grid.size()];
        List<SqrtProbabilities> checkpoints = new ArrayList<>(grid.size());
        for (int g = 0; g < points.length; g++) {
            points[g] = SqrtProbabilities.ofSqrt(name, from.shape(),
                    slerp(from.values(), to.values(), theta, from.classes(), grid.value(g)));
            checkpoints.add(points[g]);
        }
        return new ReindexedTrajectory(name, grid, points, Trajectory.of(name, checkpoints, grid.values()));
    }

    /**
     * Per-sample great-circle interpolation between unit vectors a_n and b_n with known angles.
     * Shared with trajectory re-indexing, which interpolates between checkpoints the same way.
     */
    static float[] slerp(float[] a, float[] b, double[] theta, int classes, double t) {
        float[] out = new float[a.length];
        for (int s = 0; s < theta.length; s++) {
            int k0 = s * classes;
            if (theta[s] < SAME_DIRECTION) {
                System.arraycopy(a, k0, out, k0, classes);
                continue;
            }
            double sin = Math.sin(theta[s]);
            double wa = Math.sin((1 - t) * theta[s]) / sin;
            double wb = Math.sin(t * theta[s]) / sin;
            for (int k = k0; k < k0 + classes; k++) out[k] = (float) (wa * a[k] + wb * b[k]);
        }
        return out;
    }

    /** theta_n between two points, per sample. */
    static double[] angles(SqrtProbabilities a, SqrtProbabilities b) {
        return new Geodesic(a, b).theta.clone();
    }
}
