package org.predspace.geometry.trajectory;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups of runs (the runs of each task, say) compared by their trajectories (docs/science.md
 * section 5): the distance between two groups is the mean of the run-pair trajectory distances
 * ({@link ConfigurationDistances}), the ignorance-to-truth geodesic joining as one more leaf
 * when given, and the distance between two groups against progress is the mean of their
 * run-pair curves ({@link DistanceByProgress#averaged}). Immutable.
 *
 * @param comparison the groups in the order given, then the geodesic when given
 * @param curves     one curve per pair of groups (i, j), i before j in the order given; none with the geodesic
 */
public record GroupComparison(TrajectoryComparison comparison, List<DistanceByProgress> curves) {
    public GroupComparison {
        curves = List.copyOf(curves);
    }

    /**
     * @param runs      the run-level comparison
     * @param reindexed its runs re-indexed, in its order
     * @param labels    one name per group
     * @param groups    for each group, the indices of its runs in {@code runs.runs()}
     * @param geodesic  the ignorance-to-truth geodesic on the runs' grid, named as its leaf; null for none
     */
    public static GroupComparison of(TrajectoryComparison runs, List<ReindexedTrajectory> reindexed, List<String> labels,
                                     List<List<Integer>> groups, ReindexedTrajectory geodesic) {
        TrajectoryComparison compared = runs;
        List<String> leaves = new ArrayList<>(labels);
        List<List<Integer>> members = new ArrayList<>(groups);
        if (geodesic != null) {
            compared = runs.with(geodesic, reindexed);
            leaves.add(geodesic.run());
            members.add(List.of(runs.runs().size()));
        }
        TrajectoryComparison byGroup = ConfigurationDistances.average(compared, leaves, members);
        List<DistanceByProgress> curves = new ArrayList<>();
        for (int a = 0; a < groups.size(); a++) {
            for (int b = a + 1; b < groups.size(); b++) {
                List<DistanceByProgress> pairs = new ArrayList<>();
                for (int i : groups.get(a)) for (int j : groups.get(b)) pairs.add(DistanceByProgress.between(reindexed.get(i), reindexed.get(j)));
                curves.add(DistanceByProgress.averaged(labels.get(a), labels.get(b), pairs));
            }
        }
        return new GroupComparison(byGroup, curves);
    }
}
