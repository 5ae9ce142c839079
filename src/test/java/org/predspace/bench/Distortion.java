package org.predspace.bench;

import org.bytedeco.openblas.global.openblas;
import org.predspace.geometry.distance.DistanceMatrix;
import org.predspace.platform.NativeLibraries;

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
        double[][] r = procrustes(a, b, k);
        double sum = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < k; c++) {
                double y = 0;
                for (int t = 0; t < k; t++) y += a[i][t] * r[t][c];
                sum += (y - b[i][c]) * (y - b[i][c]);
            }
            lo = Math.min(lo, b[i][0]);
            hi = Math.max(hi, b[i][0]);
        }
        return Math.sqrt(sum / a.length) / (hi - lo);
    }

    /**
     * The orthogonal R minimising ||x R - reference||: R = U V^T from the SVD of x^T reference.
     * A measure of how alike two point clouds are whatever their axes; never used to draw
     * (the picture's axes are InPCA axes up to sign, docs/science.md section 3).
     */
    private static double[][] procrustes(double[][] x, double[][] reference, int k) {
        NativeLibraries.requireBlas();
        double[] m = new double[k * k];
        for (int i = 0; i < x.length; i++) {
            for (int s = 0; s < k; s++) for (int t = 0; t < k; t++) m[s * k + t] += x[i][s] * reference[i][t];
        }
        double[] sv = new double[k];
        double[] u = new double[k * k];
        double[] vt = new double[k * k];
        int info = openblas.LAPACKE_dgesvd(openblas.LAPACK_ROW_MAJOR, (byte) 'A', (byte) 'A', k, k, m, k, sv, u, k, vt, k,
                new double[Math.max(1, k - 1)]);
        if (info != 0) throw new IllegalStateException("LAPACK dgesvd failed with info = " + info);
        double[][] r = new double[k][k];
        for (int s = 0; s < k; s++) {
            for (int t = 0; t < k; t++) for (int c = 0; c < k; c++) r[s][t] += u[s * k + c] * vt[c * k + t];
        }
        return r;
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
