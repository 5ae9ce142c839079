package org.predspace.spectra;

/**
 * The numbers quoted for a spectrum (docs/science.md §7).
 *
 * @param largest             the largest eigenvalue
 * @param decades             log10(largest / smallest eigenvalue above the floor); the floor is
 *                            {@code relativeFloor} times the largest. Eigenvalues below it are
 *                            numerically zero (the Gram matrix's null space, rounding), not
 *                            information; the default 1e-12 sits above double rounding of the
 *                            Gram matrix (~1e-14 of its largest eigenvalue) and the float-rows
 *                            bound of FisherSpectrum; the Hessian's finite differences need a
 *                            higher one, {@link #HESSIAN_RELATIVE_FLOOR}
 * @param effectiveDimension  how many eigenvalues exceed {@code threshold}
 * @param trace               the sum of the eigenvalues given (for a truncated Lanczos spectrum, of those only)
 */
public record SpectrumSummary(double largest, double decades, int effectiveDimension, double trace,
                              double relativeFloor, double threshold, int aboveFloor) {
    public static final double DEFAULT_RELATIVE_FLOOR = 1e-12;
    /**
     * The Hessian's floor. Its products are central differences of gradients, which carry a
     * relative error of 6e-11 (softmax regression, against the exact Fisher) to 5e-10 (the iris
     * MLP of the README, P = 67,843, against PyTorch's double-backprop product) at the default
     * step; the error matrix E moves every eigenvalue by at most ||E||_2 (Weyl), so below a few
     * 1e-10 of the largest an eigenvalue is indistinguishable from zero. Exact zeros (softmax
     * regression's null space) come out near 1e-11 and, above the Fisher's 1e-12, added
     * spurious decades. 1e-8 leaves a factor of 20 over the largest error measured.
     */
    public static final double HESSIAN_RELATIVE_FLOOR = 1e-8;

    /** The relative floor quoted for a kind of spectrum: {@link #HESSIAN_RELATIVE_FLOOR} for the Hessian, else the default. */
    public static double relativeFloor(SpectrumKind kind) {
        return kind == SpectrumKind.HESSIAN ? HESSIAN_RELATIVE_FLOOR : DEFAULT_RELATIVE_FLOOR;
    }

    /** Summary with the effective dimension counted above {@code threshold} (an absolute eigenvalue). */
    public static SpectrumSummary of(double[] eigenvalues, double relativeFloor, double threshold) {
        if (eigenvalues.length == 0) throw new IllegalArgumentException("empty spectrum");
        double largest = eigenvalues[0];
        double floor = relativeFloor * largest;
        double smallest = largest;
        int above = 0;
        int effective = 0;
        double trace = 0;
        for (double v : eigenvalues) {
            trace += v;
            if (v > floor) {
                above++;
                smallest = Math.min(smallest, v);
            }
            if (v > threshold) effective++;
        }
        double decades = largest > 0 ? Math.log10(largest / smallest) : 0;
        return new SpectrumSummary(largest, decades, effective, trace, relativeFloor, threshold, above);
    }

    /**
     * Subspace overlap ||A_k^T B_k||_F^2 / k of two sets of unit eigenvectors (rows, leading first):
     * 1 when the top-k subspaces coincide, about k / P for random ones.
     */
    public static double overlap(double[][] a, double[][] b, int k) {
        if (k < 1 || k > a.length || k > b.length) {
            throw new IllegalArgumentException("overlap needs k in 1.." + Math.min(a.length, b.length) + ", got " + k);
        }
        double s = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double d = Vectors.dot(a[i], b[j]);
                s += d * d;
            }
        }
        return s / k;
    }
}
