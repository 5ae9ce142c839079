package org.predspace.spectra;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Eigenvalues of the Hessian of the mean cross-entropy on n samples (SCIENCE.md §7; [C] used
 * ARPACK eigsh with k = 500). Small networks (P <= {@value #FULL_SPECTRUM_MAX_PARAMETERS}):
 * all P eigenvalues from the dense Hessian, one product per column, symmetrised. Larger ones:
 * the k leading eigenvalues by Lanczos with full re-orthogonalisation; the Hessian is indefinite,
 * so "leading" means algebraically largest, and {@code bothEnds} adds the k most negative.
 */
public final class HessianSpectrum {
    public static final int FULL_SPECTRUM_MAX_PARAMETERS = 5000;
    public static final int DEFAULT_K = 100;
    /** Ritz values count as converged when their residual bound is below this fraction of the largest |Ritz value|. */
    public static final double DEFAULT_TOLERANCE = 1e-6;

    private HessianSpectrum() {}

    /** Options of the Lanczos path; {@code maxSteps <= 0} means min(P, max(3k, k + 100)). */
    public record Options(int k, boolean bothEnds, double step, int maxSteps, double tolerance, long seed) {
        public Options {
            if (k < 1) throw new IllegalArgumentException("k must be at least 1, got " + k);
        }

        public static Options defaults() {
            return new Options(DEFAULT_K, false, HessianVectorProduct.DEFAULT_STEP, 0, DEFAULT_TOLERANCE, 0);
        }

        public Options withK(int newK) { return new Options(newK, bothEnds, step, maxSteps, tolerance, seed); }
        public Options withBothEnds(boolean b) { return new Options(k, b, step, maxSteps, tolerance, seed); }
    }

    public static Spectrum compute(CheckpointModel model, Samples samples, Options options, TaskMonitor monitor) {
        long t0 = System.nanoTime();
        HessianVectorProduct h = new HessianVectorProduct(model, samples, options.step(), monitor);
        double[] values = h.dimension() <= FULL_SPECTRUM_MAX_PARAMETERS
                ? full(h, monitor)
                : lanczos(h, options, monitor);
        return new Spectrum(SpectrumKind.HESSIAN, values, samples.size(), h.dimension(), new double[0][],
                (System.nanoTime() - t0) / 1e9);
    }

    /** The dense operator matrix from P products with the unit vectors, symmetrised (A + A^T) / 2. */
    static double[] denseMatrix(LinearOperator a, TaskMonitor monitor) {
        int p = a.dimension();
        double[] m = new double[p * p];
        double[] e = new double[p];
        double[] col = new double[p];
        for (int j = 0; j < p; j++) {
            monitor.progress(j / (double) p, "Hessian column " + (j + 1) + " of " + p);
            e[j] = 1;
            a.apply(e, col);
            e[j] = 0;
            for (int i = 0; i < p; i++) m[i * p + j] = col[i];
        }
        for (int i = 0; i < p; i++) {
            for (int j = i + 1; j < p; j++) {
                double s = 0.5 * (m[i * p + j] + m[j * p + i]);
                m[i * p + j] = s;
                m[j * p + i] = s;
            }
        }
        return m;
    }

    static double[] full(LinearOperator a, TaskMonitor monitor) {
        int p = a.dimension();
        return SymmetricEigen.all(denseMatrix(a, monitor), p).values();
    }

    /** The k largest (and with bothEnds the k smallest) Ritz values once converged, largest first. */
    static double[] lanczos(LinearOperator a, Options o, TaskMonitor monitor) {
        int p = a.dimension();
        int k = Math.min(o.k(), p);
        int steps = o.maxSteps() > 0 ? Math.min(o.maxSteps(), p) : Math.min(p, Math.max(3 * k, k + 100));
        double[] start = Vectors.rademacher(p, new SplittableRandom(o.seed()));
        Lanczos.Tridiagonal t = Lanczos.run(a, start, steps, monitor,
                tri -> tri.steps() >= k && converged(Lanczos.ritz(tri), k, o.bothEnds(), o.tolerance()));
        Lanczos.Ritz ritz = Lanczos.ritz(t);
        double[] v = ritz.values();
        if (!o.bothEnds() || 2 * k >= v.length) return Arrays.copyOf(v, Math.min(k, v.length));
        double[] out = new double[2 * k];
        System.arraycopy(v, 0, out, 0, k);
        System.arraycopy(v, v.length - k, out, k, k);
        return out;
    }

    private static boolean converged(Lanczos.Ritz r, int k, boolean bothEnds, double tol) {
        double[] v = r.values();
        double scale = Math.max(Math.abs(v[0]), Math.abs(v[v.length - 1]));
        for (int j = 0; j < Math.min(k, v.length); j++) {
            if (r.residuals()[j] > tol * scale) return false;
            if (bothEnds && r.residuals()[v.length - 1 - j] > tol * scale) return false;
        }
        return true;
    }
}
