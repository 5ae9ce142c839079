package org.predspace.geometry;

import java.util.ArrayList;
import java.util.List;

/**
 * Distances between runs (SCIENCE.md section 5, [D] compare): the mean, over the progress
 * values both runs cover, of d_B between their points with the same progress. Two runs that
 * share no progress value are infinitely far apart. Immutable once built.
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
        return common == 0 ? Double.POSITIVE_INFINITY : sum / common;
    }

    /**
     * The run-distance matrix. Per grid value, the points of all runs covering it go through the
     * fast distance kernel together, so R runs cost R^2/2 pairs per grid value, in parallel.
     */
    public static TrajectoryComparison of(List<ReindexedTrajectory> trajectories, Parallelism parallelism) {
        int r = trajectories.size();
        double[][] sum = new double[r][r];
        int[][] common = new int[r][r];
        ProgressGrid grid = r == 0 ? null : trajectories.get(0).grid();
        for (ReindexedTrajectory t : trajectories) requireSameGrid(trajectories.get(0), t);
        for (int g = 0; grid != null && g < grid.size(); g++) {
            List<Integer> present = new ArrayList<>();
            List<SqrtProbabilities> points = new ArrayList<>();
            for (int i = 0; i < r; i++) {
                if (trajectories.get(i).covers(g)) {
                    present.add(i);
                    points.add(trajectories.get(i).at(g));
                }
            }
            if (present.size() < 2) continue;
            DistanceMatrix d = DistanceMatrix.of(points, parallelism);
            for (int x = 0; x < present.size(); x++) {
                for (int y = 0; y < x; y++) {
                    int i = present.get(x);
                    int j = present.get(y);
                    sum[i][j] += d.get(x, y);
                    sum[j][i] = sum[i][j];
                    common[i][j]++;
                    common[j][i] = common[i][j];
                }
            }
        }
        double[][] distances = new double[r][r];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                distances[i][j] = i == j ? 0 : common[i][j] == 0 ? Double.POSITIVE_INFINITY : sum[i][j] / common[i][j];
            }
        }
        List<String> names = trajectories.stream().map(ReindexedTrajectory::run).toList();
        return new TrajectoryComparison(names, distances);
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
        if (!java.util.Arrays.equals(a.grid().values(), b.grid().values())) {
            throw new IllegalArgumentException("runs " + a.run() + " and " + b.run() + " were re-indexed on different progress grids");
        }
    }
}
