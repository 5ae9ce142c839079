package org.predspace.spectra;

import org.predspace.platform.JobMonitor;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Eigenvalues of the Hessian of the mean cross-entropy on n samples (docs/science.md §7; [C] used
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

    /** Options of the Lanczos path; {@code maxSteps <= 0} means {@link #defaultSteps}. */
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

    public static Spectrum compute(CheckpointModel model, Samples samples, Options options, JobMonitor monitor) {
        try (HessianVectorProduct h = new HessianVectorProduct(model, samples, options.step(), monitor)) {
            return compute(h, samples.size(), options, monitor);
        }
    }

    /** The same on given products ({@code options.step()} is then theirs, not this one); {@code samples} is n, for the record. */
    public static Spectrum compute(HessianVectorProduct h, int samples, Options options, JobMonitor monitor) {
        long t0 = System.nanoTime();
        double[] values = h.dimension() <= FULL_SPECTRUM_MAX_PARAMETERS
                ? full(h, monitor)
                : lanczos(h, options, monitor);
        return new Spectrum(SpectrumKind.HESSIAN, values, samples, h.dimension(), new double[0][],
                (System.nanoTime() - t0) / 1e9);
    }

    /** The dense operator matrix from P products with the unit vectors, symmetrised (A + A^T) / 2. */
    static double[] denseMatrix(LinearOperator a, JobMonitor monitor) {
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

    static double[] full(LinearOperator a, JobMonitor monitor) {
        int p = a.dimension();
        return SymmetricEigen.all(denseMatrix(a, monitor), p).values();
    }

    /**
     * Lanczos steps when {@code maxSteps <= 0}: min(P, max(4k, k + 200)). The wanted end of a
     * trained ReLU net's Hessian is a few outliers above a dense bulk (the residual term's, see
     * the README), and Lanczos resolves a bulk's edge slowly: on the iris MLP of the README
     * (P = 67,843) the top 50 needed 220 steps, and the earlier budget of 3k = 150 left the
     * 30th to 50th Ritz values up to 16% low. The basis costs steps x P doubles (LeNet, k = 100:
     * 142 MB).
     */
    static int defaultSteps(int k, int p) {
        return Math.min(p, Math.max(4 * k, k + 200));
    }

    /**
     * The k largest (and with bothEnds the k smallest) eigenvalues, largest first, stopping as soon
     * as all of them have converged. Only converged Ritz values are returned: when the step budget
     * runs out first, the leading (and trailing) ones whose residual bound meets the tolerance,
     * so fewer than k; the monitor says how many. Unconverged Ritz values of a bulk sit inside
     * it, not at its eigenvalues, and would look like a flatter spectrum than the true one.
     */
    static double[] lanczos(LinearOperator a, Options o, JobMonitor monitor) {
        int p = a.dimension();
        int k = Math.min(o.k(), p);
        int steps = o.maxSteps() > 0 ? Math.min(o.maxSteps(), p) : defaultSteps(k, p);
        int wanted = o.bothEnds() ? Math.min(2 * k, p) : k;
        double[] start = Vectors.rademacher(p, new SplittableRandom(o.seed()));
        Lanczos.Tridiagonal t = Lanczos.run(a, start, steps, monitor,
                tri -> tri.steps() >= k && converged(Lanczos.ritz(tri), k, o.bothEnds(), o.tolerance()).count() >= wanted);
        Lanczos.Ritz ritz = Lanczos.ritz(t);
        Ends ends = converged(ritz, k, o.bothEnds(), o.tolerance());
        if (ends.count() < wanted) {
            monitor.progress(1, "Lanczos: " + ends.count() + " of " + wanted + " eigenvalues converged within "
                    + t.steps() + " steps; the others are left out");
        }
        double[] v = ritz.values();
        double[] out = new double[ends.count()];
        System.arraycopy(v, 0, out, 0, ends.top());
        System.arraycopy(v, v.length - ends.bottom(), out, ends.top(), ends.bottom());
        return out;
    }

    /** How many leading and trailing Ritz values have converged, at most k each (trailing only with bothEnds), not overlapping. */
    private record Ends(int top, int bottom) {
        int count() { return top + bottom; }
    }

    private static Ends converged(Lanczos.Ritz r, int k, boolean bothEnds, double tol) {
        double[] v = r.values();
        double limit = tol * Math.max(Math.abs(v[0]), Math.abs(v[v.length - 1]));
        int top = 0;
        while (top < Math.min(k, v.length) && r.residuals()[top] <= limit) top++;
        int bottom = 0;
        while (bothEnds && bottom < Math.min(k, v.length - top) && r.residuals()[v.length - 1 - bottom] <= limit) bottom++;
        return new Ends(top, bottom);
    }
}
