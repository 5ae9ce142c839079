package org.predspace.geometry.trajectory;

import org.predspace.geometry.distance.BhattacharyyaDistance;
import org.predspace.geometry.distance.LogProduct;
import org.predspace.geometry.distance.ProbeShape;
import org.predspace.geometry.distance.SqrtProbabilities;

/**
 * How far a model has come along a geodesic (docs/science.md section 4):
 * lambda(P) = argmin over t in [0, 1] of d_B(P, gamma(t)) by default, the choice of [D], or of
 * [A]'s summed per-sample arc length (see {@link ProgressObjective}). The minimum is
 * found by a scan of {@link #SCAN} evenly spaced t followed by golden-section search in the
 * bracket around the best one, so a distance with several dips is not trapped in the wrong one.
 * Each d_B(P, gamma(t)) costs O(N): BC_n(P, gamma(t)) = [sin((1-t) theta_n) u_n + sin(t theta_n) v_n] / sin(theta_n)
 * with u_n, v_n the per-sample overlaps of P with the two ends, computed once.
 */
public final class Progress {
    static final int SCAN = 21;
    /** Golden-section tolerance in t; float32 storage limits the true resolution to about 1e-4. */
    static final double TOLERANCE = 1e-7;
    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

    private final Geodesic geodesic;
    private final ProgressObjective objective;
    /** For the arc objective only. */
    private final UnitEnds unitEnds;

    public Progress(Geodesic geodesic) { this(geodesic, ProgressObjective.BHATTACHARYYA); }

    public Progress(Geodesic geodesic, ProgressObjective objective) {
        this.geodesic = geodesic;
        this.objective = objective;
        this.unitEnds = objective == ProgressObjective.ARC_LENGTH ? UnitEnds.of(geodesic) : null;
    }

    /**
     * The geodesic's ends as unit vectors in double, per sample: their lengths and the angle
     * between them. The arc objective needs gamma_n(t) of unit length to 1e-16: with the float32
     * ends as they are it is off by about 1e-8, which arccos (steep near 1) turns into 1e-4 of an
     * error in progress.
     */
    private record UnitEnds(double[] fromLength, double[] toLength, double[] angle) {
        static UnitEnds of(Geodesic g) {
            int n = g.from().samples();
            int c = g.from().classes();
            float[] a = g.from().values();
            float[] b = g.to().values();
            double[] la = new double[n];
            double[] lb = new double[n];
            double[] theta = new double[n];
            for (int s = 0; s < n; s++) {
                double ab = 0;
                double aa = 0;
                double bb = 0;
                for (int k = s * c; k < (s + 1) * c; k++) {
                    ab += (double) a[k] * b[k];
                    aa += (double) a[k] * a[k];
                    bb += (double) b[k] * b[k];
                }
                la[s] = Math.sqrt(aa);
                lb[s] = Math.sqrt(bb);
                theta[s] = Math.acos(Math.min(1, Math.max(0, ab / (la[s] * lb[s]))));
            }
            return new UnitEnds(la, lb, theta);
        }
    }

    public static Progress ignoranceToTruth(ProbeShape shape, int[] labels) {
        return new Progress(Geodesic.ignoranceToTruth(shape, labels));
    }

    public static Progress ignoranceToTruth(ProbeShape shape, int[] labels, ProgressObjective objective) {
        return new Progress(Geodesic.ignoranceToTruth(shape, labels), objective);
    }

    public Geodesic geodesic() { return geodesic; }

    public ProgressObjective objective() { return objective; }

    /**
     * @param progress lambda(P) in [0, 1]
     * @param distance d_B(P, gamma(lambda)): the "distance to the geodesic" of [A], whichever objective chose lambda
     */
    public record Projection(double progress, double distance) {}

    public double of(SqrtProbabilities p) { return project(p).progress(); }

    public Projection project(SqrtProbabilities p) {
        Overlaps overlaps = new Overlaps(p);
        int best = 0;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int i = 0; i < SCAN; i++) {
            double v = overlaps.objectiveAt(i / (double) (SCAN - 1));
            if (v < bestValue) {
                bestValue = v;
                best = i;
            }
        }
        double lo = Math.max(0, (best - 1) / (double) (SCAN - 1));
        double hi = Math.min(1, (best + 1) / (double) (SCAN - 1));
        double x1 = hi - GOLDEN * (hi - lo);
        double x2 = lo + GOLDEN * (hi - lo);
        double f1 = overlaps.objectiveAt(x1);
        double f2 = overlaps.objectiveAt(x2);
        while (hi - lo > TOLERANCE) {
            if (f1 <= f2) {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - GOLDEN * (hi - lo);
                f1 = overlaps.objectiveAt(x1);
            } else {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + GOLDEN * (hi - lo);
                f2 = overlaps.objectiveAt(x2);
            }
        }
        double t = 0.5 * (lo + hi);
        // The ends are candidates too: golden section never evaluates exactly at 0 or 1.
        if (bestValue < overlaps.objectiveAt(t)) t = best / (double) (SCAN - 1);
        return new Projection(t, overlaps.distanceAt(t));
    }

    /**
     * arccos on [0, 1] to within 2.2e-8 (Abramowitz and Stegun 4.4.46), below what float32 storage
     * of sqrt(p) resolves. Math.acos is a call into native code on Java 17, 30 times slower here,
     * and the arc objective takes N of them per evaluation: over the 813 sample checkpoints, 7.5 s
     * with Math.acos against 0.09 s for d_B; 0.06 s with this against 0.03 s (medians of 5, busy machine).
     */
    static double arccos(double x) {
        double p = -0.0012624911;
        p = p * x + 0.0066700901;
        p = p * x - 0.0170881256;
        p = p * x + 0.0308918810;
        p = p * x - 0.0501743046;
        p = p * x + 0.0889789874;
        p = p * x - 0.2145988016;
        p = p * x + 1.5707963050;
        return Math.sqrt(1 - x) * p;
    }

    /** u_n = sqrt(P_n).sqrt(A_n) and v_n = sqrt(P_n).sqrt(B_n), so d_B(P, gamma(t)) is O(N). */
    private final class Overlaps {
        private final double[] u;
        private final double[] v;
        /**
         * The same overlaps of the vectors scaled to unit length in double: arccos is steep near 1,
         * so float32 storage (|sqrt p| = 1 +- 1e-7) would blur the angle by sqrt(2e-7), about 5e-4.
         */
        private final double[] unitU;
        private final double[] unitV;

        Overlaps(SqrtProbabilities p) {
            geodesic.from().requireSameProbe(p);
            int n = p.samples();
            int c = p.classes();
            float[] x = p.values();
            float[] a = geodesic.from().values();
            float[] b = geodesic.to().values();
            u = new double[n];
            v = new double[n];
            unitU = new double[n];
            unitV = new double[n];
            for (int s = 0; s < n; s++) {
                double su = 0;
                double sv = 0;
                double xx = 0;
                for (int k = s * c; k < (s + 1) * c; k++) {
                    su += (double) x[k] * a[k];
                    sv += (double) x[k] * b[k];
                    xx += (double) x[k] * x[k];
                }
                u[s] = su;
                v[s] = sv;
                if (unitEnds != null) {
                    double length = Math.sqrt(xx);
                    unitU[s] = su / (length * unitEnds.fromLength()[s]);
                    unitV[s] = sv / (length * unitEnds.toLength()[s]);
                }
            }
        }

        double objectiveAt(double t) {
            return objective == ProgressObjective.BHATTACHARYYA ? distanceAt(t) : arcLengthAt(t);
        }

        /** sum_n arccos(BC_n(P, gamma(t))), [A]'s objective; the overlaps clamped to [0, 1] as [A] clamps them. */
        double arcLengthAt(double t) {
            double sum = 0;
            double lastTheta = Double.NaN;
            double wa = 1;
            double wb = 0;
            for (int s = 0; s < u.length; s++) {
                double theta = unitEnds.angle()[s];
                if (theta != lastTheta) {
                    lastTheta = theta;
                    wa = theta < Geodesic.SAME_DIRECTION ? 1 : Math.sin((1 - t) * theta) / Math.sin(theta);
                    wb = theta < Geodesic.SAME_DIRECTION ? 0 : Math.sin(t * theta) / Math.sin(theta);
                }
                sum += arccos(Math.min(1, Math.max(0, wa * unitU[s] + wb * unitV[s])));
            }
            return sum;
        }

        double distanceAt(double t) {
            LogProduct product = new LogProduct();
            double lastTheta = Double.NaN;
            double wa = 1;
            double wb = 0;
            for (int s = 0; s < u.length; s++) {
                double theta = geodesic.angle(s);
                if (theta != lastTheta) { // anchors give one angle for all samples: reuse the weights
                    lastTheta = theta;
                    if (theta < Geodesic.SAME_DIRECTION) {
                        wa = 1;
                        wb = 0;
                    } else {
                        double sin = Math.sin(theta);
                        wa = Math.sin((1 - t) * theta) / sin;
                        wb = Math.sin(t * theta) / sin;
                    }
                }
                product.multiply(BhattacharyyaDistance.floored(wa * u[s] + wb * v[s]));
            }
            return Math.max(0, -product.log() / u.length);
        }
    }
}
