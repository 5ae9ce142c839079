package org.predspace.geometry.inpca;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Iterative solver for the k eigenpairs of largest |lambda|: restarted block Krylov
 * (block Lanczos with full reorthogonalisation) and Rayleigh-Ritz. Each cycle builds the basis
 * [Q, WQ, W^2 Q, ...] from a block Q of p = k + {@link #EXTRA} vectors, solves the small
 * projected problem, ranks Ritz pairs by |theta| (so large negative eigenvalues are found as
 * readily as positive ones: the Krylov space of W contains both ends of the spectrum, no shift
 * is needed), and restarts from the best p Ritz vectors until the k leading residuals
 * ||W u - theta u|| are below tolerance * |theta_1|.
 *
 * <p>Why: a live picture refreshes its eigenvectors after every 10-20 % growth. Started from
 * the previous eigenvectors (extended to the new points by their out-of-sample coordinates),
 * one or two cycles suffice: about (depth + 1) p matrix-vector products, against a full
 * O(m^3) tridiagonalisation for the dense solver. Cold, at m = 2000, it converges in 2 cycles
 * (about 120 products); if it ever fails to converge within its cycle budget it returns the
 * dense solver's answer.
 *
 * <p>It runs in plain Java ({@link SymmetricProducts}, {@link CyclicJacobi}) and never loads
 * OpenBLAS unless it falls back to the dense solver: in a fresh process (the embed command, at
 * m = 2,000) loading OpenBLAS took 0.66 s of CPU and the solve with dgemm and dsyev 0.27 s; in
 * Java the solve takes 0.35-0.42 s there (0.13 s once compiled), so the process saves most of
 * the load (bench/README.md, "Full InPCA, whole processes").
 */
public final class KrylovEigensolver implements SymmetricEigensolver {
    /** Extra block vectors beyond k: they absorb the slowest-converging directions. */
    static final int EXTRA = 8;
    /** Blocks of W-powers added to the restart block per cycle. */
    static final int DEPTH = 3;

    private final double tolerance;
    private final int maxCycles;

    public KrylovEigensolver() { this(1e-10, 200); }

    /** @param tolerance residual norm relative to |lambda_1| at which a pair counts as converged */
    public KrylovEigensolver(double tolerance, int maxCycles) {
        this.tolerance = tolerance;
        this.maxCycles = maxCycles;
    }

    /**
     * @param pairs    leading k by |lambda|
     * @param cycles   restart cycles used
     * @param products matrix-vector products with W
     * @param residual largest relative residual among the k pairs
     */
    public record Result(Eigenpairs pairs, int cycles, int products, double residual) {}

    @Override
    public Eigenpairs leadingByMagnitude(double[] w, int m, int k) {
        return solve(w, m, k, null).pairs();
    }

    /**
     * @param start approximate eigenvectors to start from (any number, each of length m), or null
     */
    public Result solve(double[] w, int m, int k, double[][] start) {
        int p = k + EXTRA;
        if (m <= (DEPTH + 2) * p) {
            // Too small for a Krylov space to pay off: the dense solver is exact and instant here.
            return new Result(new LapackEigensolver().leadingByMagnitude(w, m, k), 0, 0, 0);
        }
        SymmetricProducts products = new SymmetricProducts(w, m);
        List<double[]> block = startingBlock(start, m, p);
        List<double[]> wBlock = products.times(block);
        double residual = Double.POSITIVE_INFINITY;
        RitzPairs ritz = null;
        int cycle = 0;
        while (cycle < maxCycles) {
            cycle++;
            List<double[]> basis = new ArrayList<>(block);
            List<double[]> wBasis = new ArrayList<>(wBlock);
            List<double[]> last = block;
            List<double[]> wLast = wBlock;
            for (int d = 0; d < DEPTH; d++) {
                List<double[]> next = new ArrayList<>();
                for (double[] v : wLast) {
                    double[] u = v.clone();
                    if (orthonormalise(u, basis, next)) next.add(u);
                }
                if (next.isEmpty()) break; // the Krylov space is invariant: nothing new to add
                List<double[]> wNext = products.times(next);
                basis.addAll(next);
                wBasis.addAll(wNext);
                last = next;
                wLast = wNext;
            }
            ritz = RitzPairs.of(basis, wBasis, Math.min(p, basis.size()));
            residual = ritz.largestResidual(k);
            if (residual <= tolerance) break;
            block = ritz.vectors;
            wBlock = ritz.wVectors;
        }
        if (residual > tolerance) {
            // Not converged in maxCycles (an unusually flat spectrum): the dense answer instead.
            return new Result(new LapackEigensolver().leadingByMagnitude(w, m, k), cycle, products.count(), 0);
        }
        double[] values = Arrays.copyOf(ritz.values, Math.min(k, ritz.values.length));
        double[][] vectors = ritz.vectors.subList(0, values.length).toArray(new double[0][]);
        return new Result(Eigenpairs.leading(values, vectors, k), cycle, products.count(), residual);
    }

    /** The start vectors (if any), filled up with deterministic random ones, orthonormalised. */
    private static List<double[]> startingBlock(double[][] start, int m, int p) {
        List<double[]> block = new ArrayList<>();
        if (start != null) {
            for (double[] s : start) {
                if (block.size() == p) break;
                if (s.length != m) throw new IllegalArgumentException("start vector of length " + s.length + ", expected " + m);
                double[] u = s.clone();
                if (orthonormalise(u, block, List.of())) block.add(u);
            }
        }
        SplittableRandom random = new SplittableRandom(42);
        while (block.size() < p) {
            double[] u = new double[m];
            for (int i = 0; i < m; i++) u[i] = random.nextGaussian();
            if (orthonormalise(u, block, List.of())) block.add(u);
        }
        return block;
    }

    /**
     * Removes from u its components along {@code a} and {@code b} (orthonormal sets), twice
     * (classical Gram-Schmidt needs the second pass for full accuracy), and normalises it.
     * Returns false if nothing independent is left.
     */
    static boolean orthonormalise(double[] u, List<double[]> a, List<double[]> b) {
        double before = Math.sqrt(dot(u, u));
        if (before == 0) return false;
        for (int pass = 0; pass < 2; pass++) {
            for (double[] q : a) axpy(-dot(q, u), q, u);
            for (double[] q : b) axpy(-dot(q, u), q, u);
        }
        double norm = Math.sqrt(dot(u, u));
        if (norm < 1e-10 * before) return false;
        for (int i = 0; i < u.length; i++) u[i] /= norm;
        return true;
    }

    /**
     * Four partial sums: one running sum is a chain of dependent additions that C2 does not
     * vectorise, and the Gram-Schmidt and Rayleigh-Ritz steps take thousands of these per cycle.
     */
    static double dot(double[] x, double[] y) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int n = x.length;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            s0 = Math.fma(x[i], y[i], s0);
            s1 = Math.fma(x[i + 1], y[i + 1], s1);
            s2 = Math.fma(x[i + 2], y[i + 2], s2);
            s3 = Math.fma(x[i + 3], y[i + 3], s3);
        }
        for (; i < n; i++) s0 = Math.fma(x[i], y[i], s0);
        return (s0 + s1) + (s2 + s3);
    }

    private static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] += alpha * x[i];
    }

    /** Rayleigh-Ritz on an orthonormal basis B with known W B: eigenpairs of B^T W B, ranked by |theta|. */
    private static final class RitzPairs {
        final double[] values;
        final List<double[]> vectors;
        final List<double[]> wVectors;

        private RitzPairs(double[] values, List<double[]> vectors, List<double[]> wVectors) {
            this.values = values;
            this.vectors = vectors;
            this.wVectors = wVectors;
        }

        static RitzPairs of(List<double[]> basis, List<double[]> wBasis, int keep) {
            int q = basis.size();
            double[] h = new double[q * q];
            for (int i = 0; i < q; i++) {
                for (int j = i; j < q; j++) {
                    double v = 0.5 * (dot(basis.get(i), wBasis.get(j)) + dot(basis.get(j), wBasis.get(i)));
                    h[i * q + j] = v;
                    h[j * q + i] = v;
                }
            }
            double[] theta = new double[q];
            CyclicJacobi.decompose(h, q, theta);
            Integer[] order = new Integer[q];
            for (int a = 0; a < q; a++) order[a] = a;
            Arrays.sort(order, (x, y) -> Double.compare(Math.abs(theta[y]), Math.abs(theta[x])));
            int m = basis.get(0).length;
            double[] values = new double[keep];
            List<double[]> vectors = new ArrayList<>(keep);
            List<double[]> wVectors = new ArrayList<>(keep);
            for (int r = 0; r < keep; r++) {
                int a = order[r];
                values[r] = theta[a];
                double[] u = new double[m];
                double[] wu = new double[m];
                for (int i = 0; i < q; i++) {
                    double y = h[i * q + a];
                    if (y == 0) continue;
                    axpy(y, basis.get(i), u);
                    axpy(y, wBasis.get(i), wu);
                }
                vectors.add(u);
                wVectors.add(wu);
            }
            return new RitzPairs(values, vectors, wVectors);
        }

        /** max over the first k pairs of ||W u - theta u|| / |theta_1|. */
        double largestResidual(int k) {
            double worst = 0;
            double scale = Math.abs(values[0]);
            if (scale == 0) return 0;
            for (int a = 0; a < Math.min(k, values.length); a++) {
                double[] u = vectors.get(a);
                double[] wu = wVectors.get(a);
                double s = 0;
                for (int i = 0; i < u.length; i++) {
                    double r = wu[i] - values[a] * u[i];
                    s += r * r;
                }
                worst = Math.max(worst, Math.sqrt(s) / scale);
            }
            return worst;
        }
    }
}
