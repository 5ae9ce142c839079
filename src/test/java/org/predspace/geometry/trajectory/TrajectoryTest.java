package org.predspace.geometry.trajectory;

import org.predspace.geometry.distance.BhattacharyyaDistance;
import org.predspace.geometry.distance.Parallelism;
import org.predspace.geometry.distance.ProbeShape;
import org.predspace.geometry.distance.SqrtProbabilities;
import org.predspace.geometry.distance.SyntheticTrajectories;
import org.predspace.geometry.distance.TestPoints;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrajectoryTest {
    private static final ProbeShape SHAPE = new ProbeShape("probe", 80, 10);
    private static final int[] LABELS = TestPoints.labels(71, 80, 10);
    private static final Progress PROGRESS = Progress.ignoranceToTruth(SHAPE, LABELS);
    private static final double THETA = Math.acos(1 / Math.sqrt(10));

    @Test
    void riemannianLengthOfGeodesicPointsIsTheSumOfTwiceRootDistancesAndTendsToRootTwoTheta() {
        List<SqrtProbabilities> eleven = PROGRESS.geodesic().points(11);
        Trajectory t = Trajectory.of("geodesic", eleven, PROGRESS);
        double sum = 0;
        for (int i = 0; i < 10; i++) sum += 2 * Math.sqrt(BhattacharyyaDistance.between(eleven.get(i), eleven.get(i + 1)));
        assertEquals(sum, t.riemannianLength(), 1e-12);
        // Each step is an arc of theta/10 on every sample: d_B = -ln cos(theta/10).
        assertEquals(10 * 2 * Math.sqrt(-Math.log(Math.cos(THETA / 10))), t.riemannianLength(), 1e-4);
        Trajectory fine = Trajectory.of("fine", PROGRESS.geodesic().points(Geodesic.DRAWN_POINTS), PROGRESS);
        assertEquals(Math.sqrt(2) * THETA, fine.riemannianLength(), 1e-3, "the Fisher-Rao length of the arc");
    }

    @Test
    void reindexingCheckpointsOnTheGeodesicGivesTheGeodesicPointsOfEachProgress() {
        List<SqrtProbabilities> uneven = new ArrayList<>();
        for (int i = 0; i <= 10; i++) uneven.add(PROGRESS.geodesic().at(0.1 + 0.8 * Math.pow(i / 10.0, 2)));
        ReindexedTrajectory r = Trajectory.of("run", uneven, PROGRESS).reindex(ProgressGrid.evenly(21));
        for (int g = 0; g < 21; g++) {
            double tau = g / 20.0;
            boolean inside = tau >= 0.1 - 1e-3 && tau <= 0.9 + 1e-3;
            if (tau < 0.099 || tau > 0.901) assertFalse(r.covers(g), "progress " + tau + " is outside the run");
            if (tau > 0.101 && tau < 0.899) {
                assertTrue(r.covers(g));
                assertEquals(0, BhattacharyyaDistance.between(r.at(g), PROGRESS.geodesic().at(tau)), 1e-6, "at " + tau);
            }
            assertTrue(inside || !r.covers(g));
        }
    }

    @Test
    void progressThatGoesBackIsReindexedAtItsFirstCrossing() {
        Geodesic g = PROGRESS.geodesic();
        List<SqrtProbabilities> wiggle = List.of(g.at(0.1), g.at(0.5), g.at(0.3), g.at(0.7));
        Trajectory t = Trajectory.of("wiggle", wiggle, new double[] {0.1, 0.5, 0.3, 0.7});
        ReindexedTrajectory r = t.reindex(ProgressGrid.evenly(11));
        assertEquals(0, BhattacharyyaDistance.between(r.at(4), g.at(0.4)), 1e-6, "0.4 is first reached between 0.1 and 0.5");
        assertEquals(0, BhattacharyyaDistance.between(r.at(6), g.at(0.6)), 1e-6);
        assertEquals(7, r.coverage(), "0.1 .. 0.7");
    }

    @Test
    void aRunIsAtDistanceZeroFromItselfAndComparisonsAreSymmetric() {
        List<ReindexedTrajectory> runs = syntheticRuns(4, 2);
        assertEquals(0, TrajectoryComparison.distance(runs.get(1), runs.get(1)), 0);
        TrajectoryComparison c = TrajectoryComparison.of(runs, Parallelism.of(2));
        for (int i = 0; i < 4; i++) {
            assertEquals(0, c.distance(i, i), 0);
            for (int j = 0; j < 4; j++) {
                assertEquals(c.distance(i, j), c.distance(j, i), 0);
                if (i != j) {
                    assertTrue(c.distance(i, j) > 0);
                    assertEquals(TrajectoryComparison.distance(runs.get(i), runs.get(j)), c.distance(i, j), 1e-6 * c.distance(i, j));
                }
            }
        }
    }

    @Test
    void runsCoveringDifferentProgressAreComparedOnWhatTheyShareAndTheSameOnAnyCoreCount() {
        List<ReindexedTrajectory> full = syntheticRuns(4, 2);
        int lo = 0;
        while (!full.get(1).covers(lo)) lo++;
        int hi = lo;
        while (hi < 100 && full.get(0).covers(hi) && full.get(1).covers(hi)) hi++;
        int third = (hi - lo) / 3;
        // run 0 reaches only the first two thirds of the progress both reach, run 1 only the last third: they share no grid value
        List<ReindexedTrajectory> runs = List.of(covering(full.get(0), 0, lo + 2 * third), covering(full.get(1), lo + 2 * third, 100), full.get(2),
                covering(full.get(3), lo + third, hi));
        for (ReindexedTrajectory r : runs) assertTrue(r.coverage() > 2 * 8, r.run() + " covers grid values of several parallel tasks: " + r.coverage());
        TrajectoryComparison c = TrajectoryComparison.of(runs, Parallelism.of(2));
        assertEquals(Double.POSITIVE_INFINITY, c.distance(0, 1));
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                if (i == j || i + j == 1) continue;
                double expected = TrajectoryComparison.distance(runs.get(i), runs.get(j));
                assertTrue(Double.isFinite(expected) && expected > 0);
                assertEquals(expected, c.distance(i, j), 1e-6 * expected, "runs " + i + ", " + j);
            }
        }
        double[][] serial = TrajectoryComparison.of(runs, Parallelism.serial()).distances();
        for (int i = 0; i < 4; i++) assertTrue(Arrays.equals(serial[i], c.distances()[i]), "the same sums on one core as on two");
    }

    @Test
    void runsSharingNoGridValueAreComparedWhereTheirProgressMeetsAndOnlyRunsThatNeverMeetAreInfinitelyApart() {
        Geodesic g = PROGRESS.geodesic();
        List<SqrtProbabilities> path = new ArrayList<>();
        for (int i = 0; i <= 8; i++) path.add(g.at(0.1 + 0.1 * i));
        ProgressGrid grid = ProgressGrid.evenly(11);
        Trajectory alongRun = Trajectory.of("along", path, PROGRESS);
        ReindexedTrajectory along = alongRun.reindex(grid);
        // one checkpoint between grid values 0.4 and 0.5: it covers no grid value
        ReindexedTrajectory onIt = Trajectory.of("on-it", List.of(g.at(0.437)), PROGRESS).reindex(grid);
        assertEquals(0, onIt.coverage());
        assertEquals(0, TrajectoryComparison.distance(along, onIt), 1e-6, "a point of the path, compared at its own progress");
        // a short stretch between grid values: compared at the middle of the progress it shares
        Trajectory shortRun = Trajectory.of("short", List.of(g.at(0.52), g.at(0.56)), PROGRESS);
        double[] p = shortRun.progress();
        assertEquals(0, shortRun.reindex(grid).coverage(), "between two grid values: " + p[0] + " .. " + p[1]);
        double middle = (p[0] + shortRun.reached()) / 2;
        double expected = BhattacharyyaDistance.between(shortRun.at(middle), alongRun.at(middle));
        assertEquals(expected, TrajectoryComparison.distance(along, shortRun.reindex(grid)), 1e-9);
        assertEquals(0, expected, 1e-6, "both on the geodesic");
        // beyond the path's end: nothing in common
        ReindexedTrajectory beyond = Trajectory.of("beyond", List.of(g.at(0.95)), PROGRESS).reindex(grid);
        assertEquals(Double.POSITIVE_INFINITY, TrajectoryComparison.distance(along, beyond));
        double[][] matrix = TrajectoryComparison.of(List.of(along, onIt, beyond), Parallelism.serial()).distances();
        assertEquals(0, matrix[0][1], 1e-6);
        assertEquals(Double.POSITIVE_INFINITY, matrix[0][2]);
        assertEquals(Double.POSITIVE_INFINITY, matrix[1][2]);
    }

    /** {@code run} cut to the grid values [from, to). */
    private static ReindexedTrajectory covering(ReindexedTrajectory run, int from, int to) {
        SqrtProbabilities[] points = new SqrtProbabilities[run.grid().size()];
        for (int g = from; g < to; g++) if (run.covers(g)) points[g] = run.at(g);
        return new ReindexedTrajectory(run.run(), run.grid(), points);
    }

    static List<ReindexedTrajectory> syntheticRuns(int runs, int groups) {
        SyntheticTrajectories source = new SyntheticTrajectories(runs, 30, 80, 10, groups, 72);
        Progress progress = Progress.ignoranceToTruth(source.shape(), source.labels());
        List<ReindexedTrajectory> out = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            List<SqrtProbabilities> checkpoints = new ArrayList<>();
            for (int t = 0; t < 30; t++) checkpoints.add(source.point(r * 30 + t));
            out.add(Trajectory.of("run-" + r + "/group-" + source.group(r), checkpoints, progress).reindex(ProgressGrid.evenly(100)));
        }
        return out;
    }

    @Test
    void completeLinkageOnAHandMadeMatrixGivesTheKnownMergesAndHeights() {
        // Single linkage would join C to {A, B} at 2 next; complete linkage sees 9 there and joins C, D at 5.
        double[][] d = {
            {0, 1, 2, 9},
            {1, 0, 9, 3},
            {2, 9, 0, 5},
            {9, 3, 5, 0},
        };
        Dendrogram tree = Dendrogram.completeLinkage(List.of("A", "B", "C", "D"), d);
        assertEquals(List.of(new Dendrogram.Merge(0, 1, 1, 2), new Dendrogram.Merge(2, 3, 5, 2), new Dendrogram.Merge(4, 5, 9, 4)),
                tree.merges());
        assertEquals("9.000\n+-- 1.000\n|   +-- A\n|   `-- B\n`-- 5.000\n    +-- C\n    `-- D\n", tree.render());
    }

    @Test
    void runsClusterByTheirGroupFirst() {
        List<ReindexedTrajectory> runs = syntheticRuns(6, 2);
        Dendrogram tree = TrajectoryComparison.of(runs, Parallelism.of(2)).dendrogram();
        Dendrogram.Merge top = tree.merges().get(tree.merges().size() - 1);
        Set<String> left = leaves(tree, top.left());
        Set<String> groups = new HashSet<>();
        for (String run : left) groups.add(run.substring(run.indexOf('/')));
        assertEquals(1, groups.size(), "the last merge joins the two groups:\n" + tree.render());
        assertEquals(3, left.size(), tree.render());
    }

    private static Set<String> leaves(Dendrogram tree, int cluster) {
        Set<String> out = new HashSet<>();
        int n = tree.labels().size();
        if (cluster < n) {
            out.add(tree.labels().get(cluster));
        } else {
            out.addAll(leaves(tree, tree.merges().get(cluster - n).left()));
            out.addAll(leaves(tree, tree.merges().get(cluster - n).right()));
        }
        return out;
    }

    @Test
    void tubeWidthIsZeroForIdenticalRunsAndPositiveOtherwise() {
        List<ReindexedTrajectory> runs = syntheticRuns(3, 1);
        Tube same = Tube.of(List.of(runs.get(0), runs.get(0)));
        Tube spread = Tube.of(runs);
        int covered = 0;
        for (int g = 0; g < 100; g++) {
            if (!runs.get(0).covers(g)) {
                assertTrue(Double.isNaN(same.width()[0][g]));
                continue;
            }
            covered++;
            assertEquals(0, same.width()[0][g], 1e-6);
            assertTrue(spread.width()[0][g] >= 0);
        }
        assertTrue(covered > 50, "synthetic runs cover most of the progress range: " + covered);
        double total = 0;
        for (int g = 0; g < 100; g++) if (runs.get(0).covers(g)) total += spread.width()[0][g];
        assertTrue(total > 0);
    }
}
