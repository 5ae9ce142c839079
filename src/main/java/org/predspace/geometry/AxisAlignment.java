package org.predspace.geometry;

import org.bytedeco.openblas.global.openblas;

/**
 * An orthogonal k x k map applied to new coordinates so that a refreshed embedding lines up
 * with the previous one (docs/science.md section 3: eigenvector signs are arbitrary, and nearly
 * equal eigenvalues let their axes turn). Aligned coordinates are x R.
 *
 * <p>The map only mixes axes of the same sign of lambda: the embedded squared distance is
 * sum_k sign(lambda_k) (x_ik - x_jk)^2, which rotations among space-like axes, or among
 * time-like ones, preserve and a rotation mixing the two would not. Within each group it is
 * the orthogonal Procrustes solution R = U V^T of M = X_new^T X_old = U S V^T on the points
 * both embeddings share ({@link Mode#PROCRUSTES}), or only a sign per axis ({@link Mode#SIGNS}).
 */
public record AxisAlignment(double[][] rotation) {
    static { org.predspace.platform.NativeLibraries.requireBlas(); }   // first loaded where no interrupt can poison them

    public enum Mode {
        /** Flip each axis to agree with the previous one; axes are never mixed. */
        SIGNS,
        /** Best orthogonal map per sign group (includes the flips). */
        PROCRUSTES
    }

    public static AxisAlignment identity(int k) {
        double[][] r = new double[k][k];
        for (int a = 0; a < k; a++) r[a][a] = 1;
        return new AxisAlignment(r);
    }

    /**
     * @param fresh       coordinates of the shared points in the new embedding, [point][axis]
     * @param previous    the same points as they were shown before, [point][axis]
     * @param eigenvalues of the new embedding, for its sign groups
     */
    public static AxisAlignment between(double[][] fresh, double[][] previous, double[] eigenvalues, Mode mode) {
        int k = eigenvalues.length;
        int kOld = previous.length == 0 ? 0 : previous[0].length;
        double[][] r = identity(k).rotation();
        if (fresh.length == 0) return new AxisAlignment(r);
        for (int sign : new int[] {1, -1}) {
            int[] group = axesWithSign(eigenvalues, sign, kOld);
            if (group.length == 0) continue;
            double[][] m = crossProducts(fresh, previous, group);
            double[][] g = mode == Mode.SIGNS || group.length == 1 ? signs(m) : procrustes(m);
            for (int x = 0; x < group.length; x++) {
                for (int y = 0; y < group.length; y++) r[group[x]][group[y]] = g[x][y];
            }
        }
        return new AxisAlignment(r);
    }

    /** Axes of the given sign that the previous embedding also has (others stay as they are). */
    private static int[] axesWithSign(double[] eigenvalues, int sign, int previousAxes) {
        return java.util.stream.IntStream.range(0, Math.min(eigenvalues.length, previousAxes))
                .filter(a -> (eigenvalues[a] >= 0 ? 1 : -1) == sign).toArray();
    }

    private static double[][] crossProducts(double[][] fresh, double[][] previous, int[] group) {
        double[][] m = new double[group.length][group.length];
        for (int i = 0; i < fresh.length; i++) {
            for (int x = 0; x < group.length; x++) {
                double f = fresh[i][group[x]];
                for (int y = 0; y < group.length; y++) m[x][y] += f * previous[i][group[y]];
            }
        }
        return m;
    }

    private static double[][] signs(double[][] m) {
        double[][] g = new double[m.length][m.length];
        for (int a = 0; a < m.length; a++) g[a][a] = m[a][a] < 0 ? -1 : 1;
        return g;
    }

    /** R = U V^T from the SVD of the small cross-product matrix. */
    private static double[][] procrustes(double[][] m) {
        int p = m.length;
        double[] a = new double[p * p];
        for (int x = 0; x < p; x++) System.arraycopy(m[x], 0, a, x * p, p);
        double[] s = new double[p];
        double[] u = new double[p * p];
        double[] vt = new double[p * p];
        double[] superb = new double[Math.max(1, p - 1)];
        int info = openblas.LAPACKE_dgesvd(openblas.LAPACK_ROW_MAJOR, (byte) 'A', (byte) 'A', p, p, a, p, s, u, p, vt, p, superb);
        if (info != 0) throw new IllegalStateException("LAPACK dgesvd failed with info = " + info);
        double[][] r = new double[p][p];
        for (int x = 0; x < p; x++) {
            for (int y = 0; y < p; y++) {
                double v = 0;
                for (int t = 0; t < p; t++) v += u[x * p + t] * vt[t * p + y];
                r[x][y] = v;
            }
        }
        return r;
    }

    public int axes() { return rotation.length; }

    /** x R for one point. */
    public double[] apply(double[] x) {
        int k = rotation.length;
        double[] out = new double[k];
        for (int a = 0; a < k; a++) {
            double xa = x[a];
            if (xa == 0) continue;
            for (int b = 0; b < k; b++) out[b] += xa * rotation[a][b];
        }
        return out;
    }
}
