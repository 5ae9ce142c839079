package org.predspace.geometry.inpca;

import java.util.Arrays;

/**
 * All eigenpairs of a small symmetric matrix by cyclic Jacobi rotations: the Krylov solver's
 * projected problem (at most a few hundred rows), in Java so that the solver never needs
 * OpenBLAS (see {@link SymmetricProducts}). Jacobi is slow for large matrices (O(n^3) per
 * sweep, 6-10 sweeps) but simple and accurate to a few ulps of ||A||: at n = 72 it takes a few
 * milliseconds.
 */
final class CyclicJacobi {
    private static final int MAX_SWEEPS = 100;

    private CyclicJacobi() {}

    /**
     * @param a      n x n symmetric, row-major; overwritten by the eigenvectors, one per column
     *               (as LAPACK's dsyev leaves them)
     * @param values receives the n eigenvalues, unordered
     */
    static void decompose(double[] a, int n, double[] values) {
        double[] s = a.clone();
        double[] v = a;
        Arrays.fill(v, 0);
        for (int i = 0; i < n; i++) v[i * n + i] = 1;
        double norm = 0;
        for (double x : s) norm += x * x;
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) for (int q = p + 1; q < n; q++) off += s[p * n + q] * s[p * n + q];
            // Converged when what is left off the diagonal is rounding error of the whole matrix.
            if (off <= 1e-30 * norm) break;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) rotate(s, v, n, p, q);
            }
        }
        for (int i = 0; i < n; i++) values[i] = s[i * n + i];
    }

    /** Zeroes s[p][q] by S <- J^T S J, V <- V J, J the rotation in the (p, q) plane (Golub and Van Loan, 8.4). */
    private static void rotate(double[] s, double[] v, int n, int p, int q) {
        double apq = s[p * n + q];
        if (apq == 0) return;
        double tau = (s[q * n + q] - s[p * n + p]) / (2 * apq);
        double t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        double c = 1 / Math.sqrt(1 + t * t);
        double sn = t * c;
        for (int k = 0; k < n; k++) {   // columns p and q: S J
            double kp = s[k * n + p];
            double kq = s[k * n + q];
            s[k * n + p] = c * kp - sn * kq;
            s[k * n + q] = sn * kp + c * kq;
        }
        for (int k = 0; k < n; k++) {   // rows p and q: J^T (S J)
            double pk = s[p * n + k];
            double qk = s[q * n + k];
            s[p * n + k] = c * pk - sn * qk;
            s[q * n + k] = sn * pk + c * qk;
        }
        s[p * n + q] = 0;
        s[q * n + p] = 0;
        for (int k = 0; k < n; k++) {   // V J
            double kp = v[k * n + p];
            double kq = v[k * n + q];
            v[k * n + p] = c * kp - sn * kq;
            v[k * n + q] = sn * kp + c * kq;
        }
    }
}
