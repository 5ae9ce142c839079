package org.predspace.spectra;

import org.predspace.platform.JobMonitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The Lanczos iteration with full re-orthogonalisation against every previous basis vector
 * (twice, "twice is enough"): without it, rounding and the finite-difference noise of H v
 * make copies of converged eigenvalues ("ghosts") appear. Costs m vectors of length P.
 */
public final class Lanczos {
    private Lanczos() {}

    /**
     * The tridiagonal T_m (alpha on the diagonal, beta[0..m-2] beside it) and the basis Q that
     * reduce A; beta[m-1] is the norm of the last residual, which bounds the Ritz errors.
     */
    public record Tridiagonal(double[] alpha, double[] beta, List<double[]> basis) {
        public int steps() { return alpha.length; }

        /** Eigenpairs of T_m, largest first. */
        SymmetricEigen.Decomposition ritz() {
            int m = alpha.length;
            double[] t = new double[m * m];
            for (int i = 0; i < m; i++) {
                t[i * m + i] = alpha[i];
                if (i + 1 < m) {
                    t[i * m + i + 1] = beta[i];
                    t[(i + 1) * m + i] = beta[i];
                }
            }
            return SymmetricEigen.all(t, m);
        }
    }

    /** What a Lanczos eigen-run found: Ritz values (largest first), their residual bounds and the steps taken. */
    public record Ritz(double[] values, double[] residuals, int steps) {}

    /**
     * Runs up to {@code steps} steps from {@code start} (normalised here). Stops early on an
     * invariant subspace (beta below 1e-12 of the largest |alpha|, e.g. after P steps), or when
     * {@code stop} says the wanted Ritz values have converged (checked every 10 steps).
     */
    public static Tridiagonal run(LinearOperator a, double[] start, int steps, JobMonitor monitor,
                                  Predicate<Tridiagonal> stop) {
        int p = a.dimension();
        steps = Math.min(steps, p);
        List<double[]> q = new ArrayList<>();
        double[] alpha = new double[steps];
        double[] beta = new double[steps];
        double[] v = start.clone();
        if (Vectors.normalise(v) == 0) throw new IllegalArgumentException("Lanczos start vector is zero");
        double[] w = new double[p];
        double scale = 0;
        int m = 0;
        while (m < steps) {
            monitor.progress(m / (double) steps, "Lanczos step " + (m + 1) + " of at most " + steps);
            q.add(v);
            a.apply(v, w);
            alpha[m] = Vectors.dot(w, v);
            scale = Math.max(scale, Math.abs(alpha[m]));
            for (int pass = 0; pass < 2; pass++) {
                for (double[] qi : q) Vectors.axpy(-Vectors.dot(w, qi), qi, w);
            }
            double b = Vectors.norm(w);
            beta[m] = b; // beside alpha[m] in T, or the final residual norm beta_m
            m++;
            if (m == steps || b <= 1e-12 * Math.max(scale, Double.MIN_NORMAL)) break;
            v = w.clone();
            Vectors.scale(1 / b, v);
            if (m % 10 == 0 && stop.test(truncated(alpha, beta, q, m))) break;
        }
        return truncated(alpha, beta, q, m);
    }

    private static Tridiagonal truncated(double[] alpha, double[] beta, List<double[]> q, int m) {
        double[] b = Arrays.copyOf(beta, m);
        return new Tridiagonal(Arrays.copyOf(alpha, m), b, List.copyOf(q.subList(0, m)));
    }

    /**
     * Ritz values of A after m steps with the standard residual bound |beta_m s_mj| for each
     * (the distance of the Ritz value from an eigenvalue of A is at most that).
     */
    public static Ritz ritz(Tridiagonal t) {
        SymmetricEigen.Decomposition d = t.ritz();
        int m = t.steps();
        double betaM = t.beta()[m - 1];
        double[] res = new double[m];
        for (int j = 0; j < m; j++) res[j] = Math.abs(betaM * d.vectors()[j][m - 1]);
        return new Ritz(d.values(), res, m);
    }
}
