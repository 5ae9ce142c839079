package org.predspace.spectra;

import java.util.Arrays;

/**
 * Eigenvalues counted in bins of log10 (docs/science.md §7): a sloppy spectrum spreads its
 * eigenvalues roughly evenly over many decades, which a histogram of log10(lambda) shows as a
 * wide flat band. Bins are (a, b] with edges on whole multiples of the bin width, so a
 * normalised spectrum's largest value (log10 1 = 0) closes the top bin instead of opening an
 * empty one above it.
 *
 * <p>Eigenvalues at or below the floor (zero, negative Hessian ones, numerical noise) have no
 * meaningful logarithm: they are not binned but counted, in {@code notBinned}, and the
 * negative ones among them again in {@code negative}, so the total is always accounted for.
 *
 * @param binWidth  bin width in decades
 * @param edges     counts.length + 1 bin edges, log10 values, ascending
 * @param counts    eigenvalues in each bin (edges[i], edges[i + 1]]
 * @param notBinned eigenvalues at or below the floor
 * @param negative  eigenvalues below zero (all of them among notBinned)
 */
public record LogHistogram(double binWidth, double[] edges, int[] counts, int notBinned, int negative) {
    /** A quarter decade: about 50 bins over the 10-12 decades of a Fisher spectrum, enough eigenvalues in each. */
    public static final double DEFAULT_BIN_WIDTH = 0.25;

    /**
     * The histogram of log10(lambda / divisor) over the eigenvalues above {@code floor}.
     *
     * @param floor   absolute: eigenvalues at or below it are counted, not binned (use at least 0)
     * @param divisor 1 for raw eigenvalues, the largest one for the normalised spectrum
     */
    public static LogHistogram of(double[] eigenvalues, double floor, double divisor, double binWidth) {
        if (!(binWidth > 0)) throw new IllegalArgumentException("bin width must be positive, got " + binWidth);
        double[] logs = log10Above(eigenvalues, floor, divisor);
        int notBinned = eigenvalues.length - logs.length;
        int negative = (int) Arrays.stream(eigenvalues).filter(v -> v < 0).count();
        if (logs.length == 0) return new LogHistogram(binWidth, new double[0], new int[0], notBinned, negative);
        double min = Arrays.stream(logs).min().orElseThrow();
        double max = Arrays.stream(logs).max().orElseThrow();
        long lowest = (long) Math.ceil(min / binWidth) - 1;  // the bin (lowest w, (lowest + 1) w] holds min
        long highest = (long) Math.ceil(max / binWidth);
        int bins = (int) (highest - lowest);
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) edges[i] = (lowest + i) * binWidth;
        int[] counts = new int[bins];
        for (double x : logs) {
            int bin = (int) ((long) Math.ceil(x / binWidth) - 1 - lowest);
            counts[bin]++;
        }
        return new LogHistogram(binWidth, edges, counts, notBinned, negative);
    }

    /**
     * log10(lambda / divisor) of the eigenvalues above {@code floor}, in their order: what a
     * log axis can draw. With the largest eigenvalue as divisor the first is exactly 0 (lambda /
     * lambda_max = 1), so spectra of networks of different scale start at the same height.
     */
    public static double[] log10Above(double[] eigenvalues, double floor, double divisor) {
        if (!(divisor > 0)) throw new IllegalArgumentException("divisor must be positive, got " + divisor);
        double threshold = Math.max(0, floor);
        return Arrays.stream(eigenvalues).filter(v -> v > threshold).map(v -> Math.log10(v / divisor)).toArray();
    }

    /** How many eigenvalues were binned. */
    public int binned() { return Arrays.stream(counts).sum(); }
}
