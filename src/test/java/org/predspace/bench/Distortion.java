package org.predspace.bench;

import org.predspace.geometry.AxisAlignment;
import org.predspace.geometry.DistanceMatrix;

/** How far an approximate embedding is from the exact one (bench and tests). */
public final class Distortion {
    private Distortion() {}

    /**
     * RMS distance between the points of {@code x} and {@code reference} on their first k axes,
     * after centring both and the best orthogonal map of x onto the reference (Procrustes over
     * all k axes), divided by the range of the reference's first axis.
     */
    public static double alignedRmsOverRange(double[][] x, double[][] reference, int k) {
        double[][] a = centred(x, k);
        double[][] b = centred(reference, k);
        double[] allOneSign = new double[k];
        java.util.Arrays.fill(allOneSign, 1);
        AxisAlignment r = AxisAlignment.between(a, b, allOneSign, AxisAlignment.Mode.PROCRUSTES);
        double sum = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < a.length; i++) {
            double[] y = r.apply(a[i]);
            for (int c = 0; c < k; c++) sum += (y[c] - b[i][c]) * (y[c] - b[i][c]);
            lo = Math.min(lo, b[i][0]);
            hi = Math.max(hi, b[i][0]);
        }
        return Math.sqrt(sum / a.length) / (hi - lo);
    }

    private static double[][] centred(double[][] x, int k) {
        double[] mean = new double[k];
        for (double[] p : x) for (int c = 0; c < k; c++) mean[c] += p[c] / x.length;
        double[][] out = new double[x.length][k];
        for (int i = 0; i < x.length; i++) for (int c = 0; c < k; c++) out[i][c] = x[i][c] - mean[c];
        return out;
    }

    /**
     * Pearson correlation, over every pair (i, j) with i < j, between the embedded squared
     * distance sum_k sign(lambda_k) (x_ik - x_jk)^2 and the true d_B.
     */
    public static double distanceCorrelation(double[][] x, double[] eigenvalues, DistanceMatrix truth) {
        double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                double e = 0;
                for (int c = 0; c < eigenvalues.length; c++) {
                    double d = x[i][c] - x[j][c];
                    e += Math.signum(eigenvalues[c]) * d * d;
                }
                double t = truth.get(i, j);
                n++;
                sx += e;
                sy += t;
                sxx += e * e;
                syy += t * t;
                sxy += e * t;
            }
        }
        double cov = sxy / n - (sx / n) * (sy / n);
        return cov / Math.sqrt((sxx / n - sx * sx / n / n) * (syy / n - sy * sy / n / n));
    }
}
