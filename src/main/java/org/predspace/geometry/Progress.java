package org.predspace.geometry;

/**
 * How far a model has come along a geodesic (docs/science.md section 4):
 * lambda(P) = argmin over t in [0, 1] of d_B(P, gamma(t)), the choice of [D] (whose code
 * minimises d_B; [A] minimises the summed per-sample arc length instead). The minimum is
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

    public Progress(Geodesic geodesic) { this.geodesic = geodesic; }

    public static Progress ignoranceToTruth(ProbeShape shape, int[] labels) {
        return new Progress(Geodesic.ignoranceToTruth(shape, labels));
    }

    public Geodesic geodesic() { return geodesic; }

    /**
     * @param progress lambda(P) in [0, 1]
     * @param distance d_B(P, gamma(lambda)): the "distance to the geodesic" of [A]
     */
    public record Projection(double progress, double distance) {}

    public double of(SqrtProbabilities p) { return project(p).progress(); }

    public Projection project(SqrtProbabilities p) {
        Overlaps overlaps = new Overlaps(p);
        int best = 0;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int i = 0; i < SCAN; i++) {
            double v = overlaps.distanceAt(i / (double) (SCAN - 1));
            if (v < bestValue) {
                bestValue = v;
                best = i;
            }
        }
        double lo = Math.max(0, (best - 1) / (double) (SCAN - 1));
        double hi = Math.min(1, (best + 1) / (double) (SCAN - 1));
        double x1 = hi - GOLDEN * (hi - lo);
        double x2 = lo + GOLDEN * (hi - lo);
        double f1 = overlaps.distanceAt(x1);
        double f2 = overlaps.distanceAt(x2);
        while (hi - lo > TOLERANCE) {
            if (f1 <= f2) {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - GOLDEN * (hi - lo);
                f1 = overlaps.distanceAt(x1);
            } else {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + GOLDEN * (hi - lo);
                f2 = overlaps.distanceAt(x2);
            }
        }
        double t = 0.5 * (lo + hi);
        double d = overlaps.distanceAt(t);
        // The ends are candidates too: golden section never evaluates exactly at 0 or 1.
        if (bestValue < d) {
            t = best / (double) (SCAN - 1);
            d = bestValue;
        }
        return new Projection(t, d);
    }

    /** u_n = sqrt(P_n).sqrt(A_n) and v_n = sqrt(P_n).sqrt(B_n), so d_B(P, gamma(t)) is O(N). */
    private final class Overlaps {
        private final double[] u;
        private final double[] v;

        Overlaps(SqrtProbabilities p) {
            geodesic.from().requireSameProbe(p);
            int n = p.samples();
            int c = p.classes();
            float[] x = p.values();
            float[] a = geodesic.from().values();
            float[] b = geodesic.to().values();
            u = new double[n];
            v = new double[n];
            for (int s = 0; s < n; s++) {
                double su = 0;
                double sv = 0;
                for (int k = s * c; k < (s + 1) * c; k++) {
                    su += (double) x[k] * a[k];
                    sv += (double) x[k] * b[k];
                }
                u[s] = su;
                v[s] = sv;
            }
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
