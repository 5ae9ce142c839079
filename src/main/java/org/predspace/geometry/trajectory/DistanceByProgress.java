package org.predspace.geometry.trajectory;

import org.predspace.geometry.distance.BhattacharyyaDistance;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Trajectory distance against progress (docs/science.md section 5): d_B between two runs' points
 * of equal progress at every grid value both reach, the curve whose mean over those values is
 * {@link TrajectoryComparison#distance}. Where tasks part shows here and is averaged away in the
 * mean: two tasks may share the early part of their trajectories and separate later.
 * Immutable.
 *
 * @param a        the first run (or group of runs)
 * @param b        the second
 * @param grid     the progress grid both were re-indexed on
 * @param distance distance[g] at grid value g, NaN where the two do not both reach it
 * @param pairs    pairs[g]: how many run pairs distance[g] averages (1 for two runs, 0 where NaN)
 */
public record DistanceByProgress(String a, String b, ProgressGrid grid, double[] distance, int[] pairs) {
    public DistanceByProgress {
        if (distance.length != grid.size() || pairs.length != grid.size()) {
            throw new IllegalArgumentException(distance.length + " distances for a grid of " + grid.size());
        }
        distance = distance.clone();
        pairs = pairs.clone();
    }

    /** d_B between the two runs at each grid value both cover. */
    public static DistanceByProgress between(ReindexedTrajectory a, ReindexedTrajectory b) {
        if (!Arrays.equals(a.grid().values(), b.grid().values())) {
            throw new IllegalArgumentException("runs " + a.run() + " and " + b.run() + " were re-indexed on different progress grids");
        }
        int n = a.grid().size();
        double[] d = new double[n];
        int[] pairs = new int[n];
        for (int g = 0; g < n; g++) {
            boolean both = a.covers(g) && b.covers(g);
            d[g] = both ? BhattacharyyaDistance.between(a.at(g), b.at(g)) : Double.NaN;
            pairs[g] = both ? 1 : 0;
        }
        return new DistanceByProgress(a.run(), b.run(), a.grid(), d, pairs);
    }

    /**
     * The curve between two groups of runs (the runs of two tasks, say): at each grid value the
     * mean of the run-pair curves that reach it, each pair counted once, as
     * {@link ConfigurationDistances} averages the run-pair distances. NaN where no pair does.
     *
     * @param runPairs one curve per pair of a run of group {@code a} and a run of group {@code b}, on one grid
     */
    public static DistanceByProgress averaged(String a, String b, List<DistanceByProgress> runPairs) {
        if (runPairs.isEmpty()) throw new IllegalArgumentException("groups " + a + " and " + b + " have no pair of runs to average");
        ProgressGrid grid = runPairs.get(0).grid();
        int n = grid.size();
        double[] sum = new double[n];
        int[] pairs = new int[n];
        for (DistanceByProgress c : runPairs) {
            if (!Arrays.equals(grid.values(), c.grid().values())) {
                throw new IllegalArgumentException("the curves of " + a + " and " + b + " are on different progress grids");
            }
            for (int g = 0; g < n; g++) {
                if (Double.isNaN(c.distance[g])) continue;
                sum[g] += c.distance[g];
                pairs[g]++;
            }
        }
        double[] mean = new double[n];
        for (int g = 0; g < n; g++) mean[g] = pairs[g] == 0 ? Double.NaN : sum[g] / pairs[g];
        return new DistanceByProgress(a, b, grid, mean, pairs);
    }

    /** The grid values where the curve is defined, in increasing order. */
    public double[] progress() {
        return IntStream.range(0, distance.length).filter(g -> !Double.isNaN(distance[g]))
                .mapToDouble(grid::value).toArray();
    }

    /** The distances at {@link #progress()}, in its order. */
    public double[] values() {
        return Arrays.stream(distance).filter(d -> !Double.isNaN(d)).toArray();
    }

    /** The mean over the grid values where the curve is defined; NaN when there are none. */
    public double mean() {
        double[] v = values();
        return v.length == 0 ? Double.NaN : Arrays.stream(v).sum() / v.length;
    }

    @Override public double[] distance() { return distance.clone(); }

    @Override public int[] pairs() { return pairs.clone(); }
}
