package org.predspace.geometry.inpca;

/**
 * The double-centred matrix W = -(1/2) L D L of docs/science.md section 3, L = I - (1/m) 1 1^T,
 * with what out-of-sample placement needs later: the column means of D and its grand mean.
 * Entry-wise, W_ij = -(1/2) (D_ij - dbar_i - dbar_j + dbarbar), so no m^3 products are formed.
 *
 * @param w               m x m, row-major, symmetric
 * @param columnMeans     dbar_j, the column (= row) means of D
 * @param grandMean       dbarbar, the mean of all entries of D
 * @param frobeniusSquared ||W||_F^2 = sum of all eigenvalues squared: the stress denominator
 */
public record CenteredGram(int size, double[] w, double[] columnMeans, double grandMean, double frobeniusSquared) {

    /** @param d m x m row-major symmetric distance matrix (d_B plays the role of a squared distance) */
    public static CenteredGram of(double[] d, int m) {
        if (d.length != m * m) throw new IllegalArgumentException("expected " + m + " x " + m + " distances");
        double[] means = new double[m];
        double grand = 0;
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int j = 0; j < m; j++) s += d[i * m + j];
            means[i] = s / m;
            grand += s;
        }
        grand /= (double) m * m;
        double[] w = new double[m * m];
        double frob = 0;
        for (int i = 0; i < m; i++) {
            double shift = grand - means[i];
            int row = i * m;
            for (int j = 0; j < m; j++) {
                double v = -0.5 * (d[row + j] - means[j] + shift);
                w[row + j] = v;
                frob += v * v;
            }
        }
        return new CenteredGram(m, w, means, grand, frob);
    }
}
