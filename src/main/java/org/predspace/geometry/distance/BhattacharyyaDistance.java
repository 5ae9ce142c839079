package org.predspace.geometry.distance;

/**
 * The per-sample averaged Bhattacharyya distance of docs/science.md section 2, computed plainly in
 * double precision with one log per sample. This is the reference the fast
 * {@link BhattacharyyaKernel} is tested against, and the right tool for a handful of pairs.
 */
public final class BhattacharyyaDistance {
    /**
     * Floor under each per-sample coefficient BC_n, as in the code of [D]: a model that puts
     * p = 0 on every class the other supports would otherwise be at infinite distance.
     * With it, one such sample adds at most -ln(1e-6)/N = 13.8/N to d_B.
     */
    public static final double COEFFICIENT_FLOOR = 1e-6;

    private BhattacharyyaDistance() {}

    /**
     * d_B(u, v) = -(1/N) sum_n log max(BC_n, floor), and never below 0: BC_n <= 1 by
     * Cauchy-Schwarz, so a negative result (for u = v) can only be float rounding.
     */
    public static double between(SqrtProbabilities u, SqrtProbabilities v) {
        u.requireSameProbe(v);
        float[] a = u.values();
        float[] b = v.values();
        if (a == b) return 0; // the same stored point: exactly 0, not float rounding of sum_c p
        int n = u.samples();
        int c = u.classes();
        double sum = 0;
        for (int s = 0; s < n; s++) {
            double bc = 0;
            for (int k = s * c; k < (s + 1) * c; k++) bc += (double) a[k] * b[k];
            sum += Math.log(floored(bc));
        }
        return Math.max(0, -sum / n);
    }

    public static double floored(double bc) {
        return Math.max(bc, COEFFICIENT_FLOOR);
    }
}
