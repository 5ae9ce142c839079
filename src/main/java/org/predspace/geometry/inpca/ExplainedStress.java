package org.predspace.geometry.inpca;

/**
 * Explained stress of the first k axes, as in the code of [A] and [D] (docs/science.md section 3):
 * S_k = 1 - sqrt(1 - sum_{i<=k} lambda_i^2 / ||W||_F^2). ||W||_F^2 equals the sum of all
 * squared eigenvalues, so no full eigendecomposition is needed.
 */
public final class ExplainedStress {
    private ExplainedStress() {}

    /** S_1 .. S_k for the given leading eigenvalues; each in [0, 1], non-decreasing. */
    public static double[] cumulative(double[] leadingEigenvalues, double frobeniusSquared) {
        double[] s = new double[leadingEigenvalues.length];
        double explained = 0;
        for (int k = 0; k < s.length; k++) {
            explained += leadingEigenvalues[k] * leadingEigenvalues[k];
            double unexplained = frobeniusSquared > 0 ? Math.max(0, 1 - explained / frobeniusSquared) : 0;
            s[k] = 1 - Math.sqrt(unexplained);
        }
        return s;
    }
}
