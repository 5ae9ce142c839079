package org.predspace.geometry.trajectory;

import org.predspace.geometry.distance.BhattacharyyaDistance;
import org.predspace.geometry.distance.BhattacharyyaKernel;
import org.predspace.geometry.distance.ModelBlock;
import org.predspace.geometry.distance.Parallelism;
import org.predspace.geometry.distance.ProbeShape;
import org.predspace.geometry.distance.SqrtProbabilities;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Distances between runs (docs/science.md section 5, [D] compare): the mean, over the progress
 * values both runs cover, of d_B between their points with the same progress. Two runs whose
 * progress ranges overlap between two grid values only (a run of one checkpoint, or one shorter
 * than the grid's spacing) are compared at the middle of that overlap; two runs that share no
 * progress at all are infinitely far apart. Immutable once built.
 */
public final class TrajectoryComparison {
    private final List<String> runs;
    private final double[][] distances;

    private TrajectoryComparison(List<String> runs, double[][] distances) {
        this.runs = runs;
        this.distances = distances;
    }

    /** Distance between two re-indexed runs on the same grid; 0 for a run and itself. */
    public static double distance(ReindexedTrajectory a, ReindexedTrajectory b) {
        requireSameGrid(a, b);
        double sum = 0;
        int common = 0;
        for (int g = 0; g < a.grid().size(); g++) {
            if (a.covers(g) && b.covers(g)) {
                sum += BhattacharyyaDistance.between(a.at(g), b.at(g));
                common++;
            }
        }
        return common == 0 ? betweenGridValues(a, b) : sum / common;
    }

    /**
     * Runs that share no grid value: d_B at the middle of their common progress range, which
     * lies between two grid values (the mean over so short a range taken at one point); a run
     * of one checkpoint inside another's range is compared at its own progress, exactly.
     * Infinity when the ranges do not meet, or a run's checkpoints are not known.
     */
    private static double betweenGridValues(ReindexedTrajectory a, ReindexedTrajectory b) {
        Trajectory ta = a.source();
        Trajectory tb = b.source();
        if (ta == null || tb == null) return Double.POSITIVE_INFINITY;
        double from = Math.max(ta.progress()[0], tb.progress()[0]);
        double to = Math.min(ta.reached(), tb.reached());
        if (!(from <= to)) return Double.POSITIVE_INFINITY;
        double middle = from + (to - from) / 2;
        return BhattacharyyaDistance.between(ta.at(middle), tb.at(middle));
    }

    /** Grid values per parallel task; fixed, so the sums (and results) do not depend on the core count. */
    private static final int GRID_VALUES_PER_TASK = 8;

    /**
     * The run-distance matrix. Per grid value, the points of all runs covering it go through the
     * fast distance kernel together, so R runs cost R^2/2 pairs per grid value; runs of grid
     * values in parallel. Each task refills one block of R checkpoints for all its grid values:
     * a block per grid value (N x C arrays of R floats) was the app's largest source of garbage
     * while runs train, the Compare panel refreshing every two seconds (JFR, session 7).
     */
    public static TrajectoryComparison of(List<ReindexedTrajectory> trajectories, Parallelism parallelism) {
        int r = trajectories.size();
        for (ReindexedTrajectory t : trajectories) requireSameGrid(trajectories.get(0), t);
        int gridSize = r == 0 ? 0 : trajectories.get(0).grid().size();
        int tasks = (gridSize + GRID_VALUES_PER_TASK - 1) / GRID_VALUES_PER_TASK;
        double[][][] sums = new double[tasks][][];
        int[][][] commons = new int[tasks][][];
        parallelism.forEach(tasks, task -> {
            sums[task] = new double[r][r];
            commons[task] = new int[r][r];
            addPairs(trajectories, task * GRID_VALUES_PER_TASK, Math.min(gridSize, (task + 1) * GRID_VALUES_PER_TASK), sums[task], commons[task]);
        });
        double[][] distances = new double[r][r];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                if (i == j) continue;
                double sum = 0;
                int common = 0;
                for (int task = 0; task < tasks; task++) {
                    sum += sums[task][i][j];
                    common += commons[task][i][j];
                }
                distances[i][j] = common == 0 ? betweenGridValues(trajectories.get(i), trajectories.get(j)) : sum / common;
            }
        }
        List<String> names = trajectories.stream().map(ReindexedTrajectory::run).toList();
        return new TrajectoryComparison(names, distances);
    }

    /** Adds d_B between every two runs covering grid value g, for g in [from, to), to sum[i][j] (i > j) and counts it in common. */
    private static void addPairs(List<ReindexedTrajectory> trajectories, int from, int to, double[][] sum, int[][] common) {
        int r = trajectories.size();
        int[] present = new int[r];
        ModelBlock block = null;
        double[][] tile = new double[r][];
        for (int x = 0; x < r; x++) tile[x] = new double[x];
        BhattacharyyaKernel kernel = new BhattacharyyaKernel();
        String firstRun = null;
        ProbeShape shape = null;
        for (int g = from; g < to; g++) {
            int n = 0;
            for (int i = 0; i < r; i++) if (trajectories.get(i).covers(g)) present[n++] = i;
            if (n < 2) continue;
            if (block == null) {
                SqrtProbabilities first = trajectories.get(present[0]).at(g);
                shape = first.shape();
                firstRun = first.run();
                block = new ModelBlock(shape, r);
            }
            block.clear();
            for (int x = 0; x < n; x++) {
                SqrtProbabilities p = trajectories.get(present[x]).at(g);
                shape.requireSame(p.shape(), firstRun, p.run());
                block.add(p.values());
            }
            kernel.distances(block, 0, n, block, true, tile);
            for (int x = 0; x < n; x++) {
                for (int y = 0; y < x; y++) {
                    int i = present[x];
                    int j = present[y];
                    sum[i][j] += tile[x][y];
                    sum[j][i] = sum[i][j];
                    common[i][j]++;
                    common[j][i] = common[i][j];
                }
            }
        }
    }

    /**
     * A comparison with known distances (for example averaged over groups of runs, see
     * {@link ConfigurationDistances}), drawn and clustered like one of runs.
     *
     * @param distances symmetric, zero diagonal, +infinity where two cannot be compared; copied
     */
    public static TrajectoryComparison ofDistances(List<String> names, double[][] distances) {
        if (distances.length != names.size()) {
            throw new IllegalArgumentException(names.size() + " names but a " + distances.length + "-row matrix");
        }
        double[][] copy = new double[distances.length][];
        for (int i = 0; i < copy.length; i++) {
            if (distances[i].length != names.size()) throw new IllegalArgumentException("row " + i + " is not " + names.size() + " long");
            copy[i] = distances[i].clone();
        }
        return new TrajectoryComparison(List.copyOf(names), copy);
    }

    /**
     * This comparison with one more entry (the Compare panel's geodesic leaf) compared with each
     * run as two runs are, by {@link #distance(ReindexedTrajectory, ReindexedTrajectory)}.
     *
     * @param reindexed this comparison's runs, in its order, on {@code extra}'s grid
     */
    public TrajectoryComparison with(ReindexedTrajectory extra, List<ReindexedTrajectory> reindexed) {
        int r = runs.size();
        if (reindexed.size() != r) throw new IllegalArgumentException(reindexed.size() + " trajectories for " + r + " runs");
        double[][] d = new double[r + 1][r + 1];
        for (int i = 0; i < r; i++) System.arraycopy(distances[i], 0, d[i], 0, r);
        for (int i = 0; i < r; i++) d[i][r] = d[r][i] = distance(reindexed.get(i), extra);
        List<String> names = new ArrayList<>(runs);
        names.add(extra.run());
        return ofDistances(names, d);
    }

    public List<String> runs() { return runs; }

    public double distance(int i, int j) { return distances[i][j]; }

    /** [run][run], a fresh copy. */
    public double[][] distances() {
        double[][] out = new double[distances.length][];
        for (int i = 0; i < out.length; i++) out[i] = distances[i].clone();
        return out;
    }

    /** Complete-linkage clustering of the runs, as [A] draws it. */
    public Dendrogram dendrogram() { return Dendrogram.completeLinkage(runs, distances); }

    private static void requireSameGrid(ReindexedTrajectory a, ReindexedTrajectory b) {
        if (!Arrays.equals(a.grid().values(), b.grid().values())) {
            throw new IllegalArgumentException("runs " + a.run() + " and " + b.run() + " were re-indexed on different progress grids");
        }
    }
}
