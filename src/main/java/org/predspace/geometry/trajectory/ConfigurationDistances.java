package org.predspace.geometry.trajectory;

import java.util.List;

/**
 * Trajectory distances between configurations (docs/science.md section 5): the distance between
 * configurations A and B is the mean, over every pair of a run of A and a run of B, of the two
 * runs' trajectory distance, as [A] averages over seeds before drawing its dendrogram. A
 * configuration is at distance 0 from itself. Pairs that share no progress (infinitely far
 * apart) are left out of the mean; two configurations with no comparable pair at all are
 * infinitely far apart.
 */
public final class ConfigurationDistances {
    private ConfigurationDistances() {}

    /**
     * @param runs   the run-level comparison
     * @param labels one name per configuration
     * @param groups for each configuration, the indices of its runs in {@code runs.runs()}
     * @return a comparison whose entries are the configurations, in the order given
     */
    public static TrajectoryComparison average(TrajectoryComparison runs, List<String> labels, List<List<Integer>> groups) {
        if (labels.size() != groups.size()) throw new IllegalArgumentException(labels.size() + " labels for " + groups.size() + " groups");
        int k = groups.size();
        double[][] d = new double[k][k];
        for (int a = 0; a < k; a++) {
            if (groups.get(a).isEmpty()) throw new IllegalArgumentException("configuration " + labels.get(a) + " has no runs");
            for (int b = 0; b < a; b++) {
                double sum = 0;
                int pairs = 0;
                for (int i : groups.get(a)) {
                    for (int j : groups.get(b)) {
                        double dij = runs.distance(i, j);
                        if (Double.isInfinite(dij)) continue;
                        sum += dij;
                        pairs++;
                    }
                }
                d[a][b] = d[b][a] = pairs == 0 ? Double.POSITIVE_INFINITY : sum / pairs;
            }
        }
        return TrajectoryComparison.ofDistances(labels, d);
    }
}
