package org.predspace.geometry.trajectory;

import org.junit.jupiter.api.Test;
import org.predspace.geometry.distance.Parallelism;
import org.predspace.geometry.distance.ProbeShape;
import org.predspace.geometry.distance.SqrtProbabilities;
import org.predspace.geometry.distance.TestPoints;
import org.predspace.runs.PythonWithNumpy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigurationDistancesTest {
    @Test
    void averagesEverySeedPairBetweenTwoConfigurationsAndSkipsPairsWithNothingInCommon() {
        double inf = Double.POSITIVE_INFINITY;
        double[][] runs = {
            {0, 1, 4, 6, 9},
            {1, 0, 2, 8, inf},
            {4, 2, 0, 3, 7},
            {6, 8, 3, 0, 5},
            {9, inf, 7, 5, 0},
        };
        TrajectoryComparison byRun = TrajectoryComparison.ofDistances(List.of("a0", "a1", "b0", "b1", "c0"), runs);
        TrajectoryComparison byConfiguration = ConfigurationDistances.average(byRun, List.of("A", "B", "C"),
                List.of(List.of(0, 1), List.of(2, 3), List.of(4)));
        assertEquals(List.of("A", "B", "C"), byConfiguration.runs());
        assertEquals((4 + 6 + 2 + 8) / 4.0, byConfiguration.distance(0, 1), 1e-12);
        assertEquals(byConfiguration.distance(0, 1), byConfiguration.distance(1, 0));
        assertEquals(9, byConfiguration.distance(0, 2), 1e-12, "a1 and c0 share no progress: left out of the mean");
        assertEquals((7 + 5) / 2.0, byConfiguration.distance(1, 2), 1e-12);
        for (int k = 0; k < 3; k++) assertEquals(0, byConfiguration.distance(k, k), "a configuration and itself");
        TrajectoryComparison apart = ConfigurationDistances.average(byRun, List.of("A1", "C"), List.of(List.of(1), List.of(4)));
        assertEquals(inf, apart.distance(0, 1), "no comparable pair at all");
        // Complete linkage on the averaged matrix: A and B (5) before C.
        assertEquals(new Dendrogram.Merge(0, 1, 5, 2), byConfiguration.dendrogram().merges().get(0));
    }

    /**
     * Five runs of two configurations plus the geodesic, each re-indexed by hand on six progress
     * values (some runs cover only part of them), on 4 samples of 3 classes: numpy computes the
     * run-pair trajectory distances (mean d_B over the shared progress values), their average
     * over seed pairs, the geodesic's leaf, and the first configuration's tube width.
     */
    @Test
    void configurationDistancesGeodesicLeafAndTubeWidthMatchNumpy() throws Exception {
        int samples = 4;
        int classes = 3;
        ProgressGrid grid = ProgressGrid.evenly(6);
        ProbeShape shape = new ProbeShape("tiny", samples, classes);
        int[] labels = {0, 2, 1, 2};
        int[][] covers = {{0, 6}, {1, 5}, {0, 4}, {0, 6}, {2, 5}};
        SplittableRandom random = new SplittableRandom(17);
        float[][][] probs = new float[covers.length][grid.size()][];
        List<ReindexedTrajectory> runs = new ArrayList<>();
        for (int r = 0; r < covers.length; r++) {
            SqrtProbabilities[] points = new SqrtProbabilities[grid.size()];
            for (int g = covers[r][0]; g < covers[r][1]; g++) {
                probs[r][g] = TestPoints.randomSoftmax(random, samples, classes, 1.5);
                points[g] = SqrtProbabilities.of("r" + r, shape, probs[r][g]);
            }
            runs.add(new ReindexedTrajectory("r" + r, grid, points));
        }
        Geodesic geodesic = Geodesic.ignoranceToTruth(shape, labels);
        List<ReindexedTrajectory> all = new ArrayList<>(runs);
        all.add(geodesic.reindexed("geodesic", grid));
        TrajectoryComparison byRun = TrajectoryComparison.of(all, Parallelism.serial());
        List<List<Integer>> groups = List.of(List.of(0, 1, 2), List.of(3, 4), List.of(5));
        TrajectoryComparison byConfiguration = ConfigurationDistances.average(byRun, List.of("A", "B", "geodesic"), groups);
        double[] tube = Tube.of(runs.subList(0, 3)).meanWidth();

        StringBuilder data = new StringBuilder("[");
        for (int r = 0; r < covers.length; r++) {
            data.append('[');
            for (int g = 0; g < grid.size(); g++) data.append(probs[r][g] == null ? "None" : Arrays.toString(probs[r][g])).append(',');
            data.append("],");
        }
        data.append(']');
        String script = String.format(Locale.ROOT, """
                import numpy as np
                N, C = %d, %d
                y = np.array(%s)
                grid = np.linspace(0, 1, %d)
                raw = %s
                runs = [[None if p is None else np.array(p, dtype=np.float32).astype(np.float64).reshape(N, C) for p in r] for r in raw]
                th = np.arccos(1 / np.sqrt(C))
                a = np.full((N, C), 1 / np.sqrt(C)); b = np.eye(C)[y]
                runs.append([((np.sin((1 - t) * th) * a + np.sin(t * th) * b) / np.sin(th)) ** 2 for t in grid])
                dB = lambda p, q: -np.mean(np.log(np.sqrt(p * q).sum(1)))
                R = len(runs)
                D = np.zeros((R, R))
                for i in range(R):
                    for j in range(R):
                        common = [g for g in range(len(grid)) if runs[i][g] is not None and runs[j][g] is not None]
                        D[i, j] = np.mean([dB(runs[i][g], runs[j][g]) for g in common])
                groups = [[0, 1, 2], [3, 4], [5]]
                K = np.zeros((3, 3))
                for x in range(3):
                    for z in range(3):
                        K[x, z] = 0 if x == z else D[np.ix_(groups[x], groups[z])].mean()
                tube = []
                for g in range(len(grid)):
                    ps = [runs[r][g] for r in groups[0] if runs[r][g] is not None]
                    m = np.mean(ps, axis=0)
                    tube.append(np.mean([dB(p, m) for p in ps]) if len(ps) >= 2 else np.nan)
                print(' '.join(repr(float(v)) for v in K.ravel()))
                print(' '.join(repr(float(v)) for v in tube))
                """, samples, classes, Arrays.toString(labels), grid.size(), data);
        String[] lines = PythonWithNumpy.require().run("-c", script).trim().split("\n");
        double[] k = Arrays.stream(lines[0].trim().split(" ")).mapToDouble(v -> v.equals("nan") ? Double.NaN : Double.parseDouble(v)).toArray();
        double[] width = Arrays.stream(lines[1].trim().split(" ")).mapToDouble(v -> v.equals("nan") ? Double.NaN : Double.parseDouble(v)).toArray();
        for (int x = 0; x < 3; x++) {
            for (int z = 0; z < 3; z++) {
                assertEquals(k[3 * x + z], byConfiguration.distance(x, z), 1e-6, "configurations " + x + ", " + z);
            }
        }
        assertTrue(byConfiguration.distance(0, 2) > 0.05, "random runs are far from the geodesic");
        for (int g = 0; g < grid.size(); g++) {
            if (Double.isNaN(width[g])) assertTrue(Double.isNaN(tube[g]), "fewer than two runs at " + g);
            else assertEquals(width[g], tube[g], 1e-6, "tube width at " + g);
        }
        assertTrue(!Double.isNaN(tube[0]) && Double.isNaN(tube[5]), "r0 and r2 are at progress 0; only r0 reaches 1: "
                + Arrays.toString(tube));
    }
}
