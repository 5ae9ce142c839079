package org.predspace.spectra;

import org.predspace.platform.JobMonitor;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Spectral density of a large symmetric operator by stochastic Lanczos quadrature (docs/science.md
 * §7, as PyHessian): for each Rademacher start vector v, m Lanczos steps give nodes theta_j
 * (eigenvalues of T_m) and weights tau_j (squared first components of T_m's eigenvectors), a
 * Gauss quadrature of v^T f(A) v; averaging over vectors estimates (1/P) tr f(A). With f a
 * Gaussian of width sigma centred on each grid point this is a smoothed density of eigenvalues.
 */
public final class SpectralDensity {
    public static final int DEFAULT_VECTORS = 5;
    public static final int DEFAULT_STEPS = 100;
    public static final int DEFAULT_GRID = 1000;
    /** Default smoothing width as a fraction of the spectrum's range (PyHessian uses a similar relative width). */
    public static final double DEFAULT_RELATIVE_WIDTH = 0.01;

    private SpectralDensity() {}

    /**
     * @param vectors       Rademacher start vectors averaged over
     * @param steps         Lanczos steps per vector (full re-orthogonalisation)
     * @param width         Gaussian smoothing sigma; NaN for {@link #DEFAULT_RELATIVE_WIDTH} of the node range
     * @param gridPoints    points of the evenly spaced grid, which spans the nodes plus 3 sigma each side
     */
    public record Options(int vectors, int steps, double width, int gridPoints, long seed) {
        public Options {
            if (vectors < 1 || steps < 1 || gridPoints < 2) {
                throw new IllegalArgumentException("density needs vectors >= 1, steps >= 1, grid >= 2");
            }
        }

        public static Options defaults() {
            return new Options(DEFAULT_VECTORS, DEFAULT_STEPS, Double.NaN, DEFAULT_GRID, 0);
        }
    }

    /** The density on the grid (integrates to about 1), with the raw quadrature nodes and weights. */
    public record Density(double[] grid, double[] density, double[] nodes, double[] weights, int parameters, double seconds) {}

    public static Density estimate(LinearOperator a, Options o, JobMonitor monitor) {
        long t0 = System.nanoTime();
        int p = a.dimension();
        int m = Math.min(o.steps(), p);
        double[] nodes = new double[o.vectors() * m];
        double[] weights = new double[nodes.length];
        int count = 0;
        SplittableRandom rng = new SplittableRandom(o.seed());
        for (int r = 0; r < o.vectors(); r++) {
            JobMonitor stage = monitor.stage(r / (double) o.vectors(), (r + 1) / (double) o.vectors());
            Lanczos.Tridiagonal t = Lanczos.run(a, Vectors.rademacher(p, rng), m, stage, tri -> false);
            SymmetricEigen.Decomposition d = t.ritz();
            for (int j = 0; j < d.values().length; j++) {
                nodes[count] = d.values()[j];
                weights[count] = d.vectors()[j][0] * d.vectors()[j][0] / o.vectors();
                count++;
            }
        }
        nodes = Arrays.copyOf(nodes, count);
        weights = Arrays.copyOf(weights, count);
        double[][] smoothed = smooth(nodes, weights, o.width(), o.gridPoints());
        return new Density(smoothed[0], smoothed[1], nodes, weights, p, (System.nanoTime() - t0) / 1e9);
    }

    /** Sum of weighted Gaussians at the nodes, on a grid covering them plus 3 sigma each side. */
    static double[][] smooth(double[] nodes, double[] weights, double width, int gridPoints) {
        double lo = Arrays.stream(nodes).min().orElse(0);
        double hi = Arrays.stream(nodes).max().orElse(0);
        double sigma = Double.isNaN(width) ? DEFAULT_RELATIVE_WIDTH * Math.max(hi - lo, Math.abs(hi) * 1e-3 + 1e-12) : width;
        if (!(sigma > 0)) throw new IllegalArgumentException("smoothing width must be positive, got " + width);
        double from = lo - 3 * sigma;
        double to = hi + 3 * sigma;
        double[] grid = new double[gridPoints];
        double[] density = new double[gridPoints];
        double norm = 1 / (sigma * Math.sqrt(2 * Math.PI));
        for (int g = 0; g < gridPoints; g++) {
            grid[g] = from + (to - from) * g / (gridPoints - 1);
            double s = 0;
            for (int j = 0; j < nodes.length; j++) {
                double z = (grid[g] - nodes[j]) / sigma;
                s += weights[j] * Math.exp(-0.5 * z * z);
            }
            density[g] = s * norm;
        }
        return new double[][] {grid, density};
    }
}
