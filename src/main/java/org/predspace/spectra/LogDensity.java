package org.predspace.spectra;

import java.util.Arrays;

/**
 * A spectral density drawn over log10(lambda) (docs/science.md §7). Stochastic Lanczos
 * quadrature gives nodes (Ritz values) with weights that sum to about 1 over all P
 * eigenvalues; {@link SpectralDensity} smooths them with Gaussians of one width in lambda,
 * which blurs every eigenvalue below that width together. On a log axis each node is instead
 * smoothed in log10(lambda), with a width in decades, so every decade is drawn at the same
 * resolution. The value is the fraction of all eigenvalues per decade; nodes at or below the
 * floor (the bulk near zero and the negative ones) have no logarithm and their weight is
 * reported instead of drawn.
 *
 * @param grid          log10(lambda / divisor), evenly spaced
 * @param density       fraction of the eigenvalues per decade at each grid point
 * @param sigmaDecades  Gaussian smoothing width, in decades
 * @param weightDrawn   weight of the nodes above the floor: the curve's integral
 * @param weightNotDrawn weight of the nodes at or below the floor
 * @param weightNegative weight of the negative nodes (part of weightNotDrawn)
 */
public record LogDensity(double[] grid, double[] density, double sigmaDecades, double weightDrawn,
                         double weightNotDrawn, double weightNegative) {
    /** A tenth of a decade: resolves the shape over 8-12 decades without showing each of a few hundred nodes. */
    public static final double DEFAULT_SIGMA_DECADES = 0.1;
    public static final int DEFAULT_GRID = 400;

    /**
     * @param floor   absolute: nodes at or below it are not drawn (use at least 0)
     * @param divisor 1 for raw eigenvalues, the largest node for the normalised density
     */
    public static LogDensity of(double[] nodes, double[] weights, double floor, double divisor, double sigmaDecades,
                                int gridPoints) {
        if (nodes.length != weights.length) throw new IllegalArgumentException("one weight per node");
        if (!(sigmaDecades > 0)) throw new IllegalArgumentException("smoothing width must be positive, got " + sigmaDecades);
        if (gridPoints < 2) throw new IllegalArgumentException("the grid needs at least 2 points");
        if (!(divisor > 0)) throw new IllegalArgumentException("divisor must be positive, got " + divisor);
        double threshold = Math.max(0, floor);
        double drawn = 0, notDrawn = 0, negative = 0;
        int count = 0;
        double[] logs = new double[nodes.length];
        double[] kept = new double[nodes.length];
        for (int j = 0; j < nodes.length; j++) {
            if (nodes[j] > threshold) {
                logs[count] = Math.log10(nodes[j] / divisor);
                kept[count] = weights[j];
                drawn += weights[j];
                count++;
            } else {
                notDrawn += weights[j];
                if (nodes[j] < 0) negative += weights[j];
            }
        }
        if (count == 0) return new LogDensity(new double[0], new double[0], sigmaDecades, 0, notDrawn, negative);
        // the same Gaussian sum as the linear density, over log10 nodes with a width in decades
        double[][] smoothed = SpectralDensity.smooth(Arrays.copyOf(logs, count), Arrays.copyOf(kept, count), sigmaDecades,
                gridPoints);
        double[] grid = smoothed[0], density = smoothed[1];
        return new LogDensity(grid, density, sigmaDecades, drawn, notDrawn, negative);
    }
}
