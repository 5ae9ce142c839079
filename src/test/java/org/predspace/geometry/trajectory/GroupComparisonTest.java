package org.predspace.geometry.trajectory;

import org.predspace.geometry.distance.BhattacharyyaDistance;
import org.predspace.geometry.distance.Parallelism;
import org.predspace.geometry.distance.ProbeShape;
import org.predspace.geometry.distance.SqrtProbabilities;
import org.predspace.geometry.distance.TestPoints;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Groups of runs (tasks) compared by the mean of their run pairs, as a matrix, a dendrogram and curves against progress. */
class GroupComparisonTest {
    private static final ProbeShape SHAPE = new ProbeShape("probe", 40, 5);
    private static final int[] LABELS = TestPoints.labels(3, 40, 5);
    private static final Progress PROGRESS = Progress.ignoranceToTruth(SHAPE, LABELS);
    private static final ProgressGrid GRID = ProgressGrid.evenly(21);

    /** A run that leaves the geodesic towards a tilt of its own (two runs of one task share a tilt closely). */
    private static ReindexedTrajectory run(String name, double tilt, double reach) {
        List<SqrtProbabilities> points = new ArrayList<>();
        for (int k = 0; k <= 8; k++) {
            double t = reach * k / 8;
            float[] p = new float[SHAPE.values()];
            for (int n = 0; n < 40; n++) {
                double[] w = new double[5];
                double sum = 0;
                for (int c = 0; c < 5; c++) {
                    w[c] = Math.exp(5 * t * (c == LABELS[n] ? 1 : 0) + tilt * t * (c == (n + 1) % 5 ? 1 : 0));
                    sum += w[c];
                }
                for (int c = 0; c < 5; c++) p[n * 5 + c] = (float) (w[c] / sum);
            }
            points.add(SqrtProbabilities.of(name, SHAPE, p));
        }
        return Trajectory.of(name, points, PROGRESS).reindex(GRID);
    }

    @Test
    void groupsAreTheMeansOfTheirRunPairsAndTheGeodesicIsALeaf() {
        List<ReindexedTrajectory> runs = List.of(run("x1", 0.5, 1), run("y1", 3, 1), run("x2", 0.6, 0.9), run("y2", 3.2, 0.8));
        TrajectoryComparison byRun = TrajectoryComparison.of(runs, Parallelism.serial());
        ReindexedTrajectory geodesic = PROGRESS.geodesic().reindexed("geodesic", GRID);
        GroupComparison g = GroupComparison.of(byRun, runs, List.of("x", "y"), List.of(List.of(0, 2), List.of(1, 3)), geodesic);

        assertEquals(List.of("x", "y", "geodesic"), g.comparison().runs());
        double xy = (byRun.distance(0, 1) + byRun.distance(0, 3) + byRun.distance(2, 1) + byRun.distance(2, 3)) / 4;
        assertEquals(xy, g.comparison().distance(0, 1), 1e-12);
        double xGeodesic = (TrajectoryComparison.distance(runs.get(0), geodesic) + TrajectoryComparison.distance(runs.get(2), geodesic)) / 2;
        assertEquals(xGeodesic, g.comparison().distance(0, 2), 1e-12);
        assertTrue(g.comparison().distance(0, 2) < g.comparison().distance(1, 2), "the slightly tilted group stays nearer the geodesic");
        // complete linkage: x joins the geodesic first, y last
        Dendrogram.Merge first = g.comparison().dendrogram().merges().get(0);
        assertEquals(Set.of(0, 2), Set.of(first.left(), first.right()));

        assertEquals(1, g.curves().size(), "one curve per pair of groups, none to the geodesic");
        DistanceByProgress curve = g.curves().get(0);
        assertEquals("x", curve.a());
        assertEquals("y", curve.b());
        for (int k = 0; k < GRID.size(); k++) {
            double sum = 0;
            int n = 0;
            for (int i : new int[] {0, 2}) {
                for (int j : new int[] {1, 3}) {
                    if (!runs.get(i).covers(k) || !runs.get(j).covers(k)) continue;
                    sum += BhattacharyyaDistance.between(runs.get(i).at(k), runs.get(j).at(k));
                    n++;
                }
            }
            assertEquals(n, curve.pairs()[k], "pairs at grid value " + k);
            if (n == 0) assertTrue(Double.isNaN(curve.distance()[k]));
            else assertEquals(sum / n, curve.distance()[k], 1e-12);
        }
        assertTrue(curve.pairs()[GRID.size() - 1] < 4, "y2 stops short of full progress, so fewer pairs reach the end");
    }
}
