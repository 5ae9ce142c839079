package org.predspace.geometry.trajectory;

import org.predspace.geometry.distance.ProbeShape;
import org.predspace.geometry.distance.SqrtProbabilities;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Trajectory distance against progress on a probe of two samples and two classes, where every
 * point is written down by hand: at progress values the runs' checkpoints sit on, d_B is
 * -(1/N) sum_n ln sum_c sqrt(p q); between checkpoints the point is the per-sample slerp of the
 * square roots, sin((1-f) theta)/sin theta u + sin(f theta)/sin theta v, computed here in double.
 */
class DistanceByProgressTest {
    private static final ProbeShape SHAPE = new ProbeShape("hand", 2, 2);
    /** 0, 0.25, 0.5, 0.75, 1. */
    private static final ProgressGrid GRID = ProgressGrid.evenly(5);

    private static final double[][] A = {{0.5, 0.5, 0.5, 0.5}, {0.8, 0.2, 0.3, 0.7}, {0.9, 0.1, 0.2, 0.8}};
    private static final double[] A_PROGRESS = {0, 0.5, 1};
    private static final double[][] B = {{0.5, 0.5, 0.5, 0.5}, {0.6, 0.4, 0.1, 0.9}};
    private static final double[] B_PROGRESS = {0, 1};
    /** Reaches only 0.5 .. 1. */
    private static final double[][] C = {{0.7, 0.3, 0.4, 0.6}, {0.95, 0.05, 0.35, 0.65}};
    private static final double[] C_PROGRESS = {0.5, 1};

    private static ReindexedTrajectory run(String name, double[][] checkpoints, double[] progress) {
        List<SqrtProbabilities> points = Arrays.stream(checkpoints).map(p -> {
            float[] f = new float[p.length];
            for (int k = 0; k < p.length; k++) f[k] = (float) p[k];
            return SqrtProbabilities.of(name, SHAPE, f);
        }).toList();
        return Trajectory.of(name, points, progress).reindex(GRID);
    }

    /** The square roots of a run's point at progress fraction f between two checkpoints, per sample. */
    private static double[] slerp(double[] p, double[] q, double f) {
        double[] out = new double[p.length];
        for (int s = 0; s < p.length; s += 2) {
            double cos = Math.sqrt(p[s] * q[s]) + Math.sqrt(p[s + 1] * q[s + 1]);
            double theta = Math.acos(Math.min(1, cos));
            for (int c = s; c < s + 2; c++) {
                out[c] = theta < 1e-12 ? Math.sqrt(p[c])
                        : (Math.sin((1 - f) * theta) * Math.sqrt(p[c]) + Math.sin(f * theta) * Math.sqrt(q[c])) / Math.sin(theta);
            }
        }
        return out;
    }

    private static double[] sqrt(double[] p) {
        return Arrays.stream(p).map(Math::sqrt).toArray();
    }

    private static double dB(double[] rootU, double[] rootV) {
        double sum = 0;
        for (int s = 0; s < rootU.length; s += 2) sum += Math.log(rootU[s] * rootV[s] + rootU[s + 1] * rootV[s + 1]);
        return -sum / (rootU.length / 2);
    }

    @Test
    void theDistanceAtEachProgressIsDbBetweenThePointsOfThatProgress() {
        DistanceByProgress ab = DistanceByProgress.between(run("a", A, A_PROGRESS), run("b", B, B_PROGRESS));
        double[] expected = {
                0,                                                                   // both start uniform
                dB(slerp(A[0], A[1], 0.5), slerp(B[0], B[1], 0.25)),                 // a halfway to its 2nd checkpoint
                dB(sqrt(A[1]), slerp(B[0], B[1], 0.5)),
                dB(slerp(A[1], A[2], 0.5), slerp(B[0], B[1], 0.75)),
                dB(sqrt(A[2]), sqrt(B[1]))};
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, ab.progress(), 0);
        assertArrayEquals(expected, ab.values(), 1e-6);
        assertTrue(expected[4] > expected[2] && expected[2] > 1e-3, "the runs part as they go: the curve must not be flat");
        assertArrayEquals(new int[] {1, 1, 1, 1, 1}, ab.pairs());
        assertEquals(Arrays.stream(expected).average().orElseThrow(), ab.mean(), 1e-6);
        assertEquals(TrajectoryComparison.distance(run("a", A, A_PROGRESS), run("b", B, B_PROGRESS)), ab.mean(), 1e-12,
                "the compare command's distance is this curve's mean");
    }

    @Test
    void progressOnlyOneRunReachesHasNoDistance() {
        DistanceByProgress ac = DistanceByProgress.between(run("a", A, A_PROGRESS), run("c", C, C_PROGRESS));
        assertArrayEquals(new double[] {0.5, 0.75, 1}, ac.progress(), 0);
        assertTrue(Double.isNaN(ac.distance()[0]) && Double.isNaN(ac.distance()[1]));
        assertArrayEquals(new int[] {0, 0, 1, 1, 1}, ac.pairs());
        assertEquals(dB(sqrt(A[1]), sqrt(C[0])), ac.values()[0], 1e-6);
        assertEquals(dB(slerp(A[1], A[2], 0.5), slerp(C[0], C[1], 0.5)), ac.values()[1], 1e-6);
    }

    @Test
    void groupsAverageTheirRunPairsWhereTheyReachAndCountThem() {
        ReindexedTrajectory a = run("a", A, A_PROGRESS);
        ReindexedTrajectory b = run("b", B, B_PROGRESS);
        ReindexedTrajectory c = run("c", C, C_PROGRESS);
        DistanceByProgress ab = DistanceByProgress.between(a, b);
        DistanceByProgress cb = DistanceByProgress.between(c, b);
        DistanceByProgress groups = DistanceByProgress.averaged("{a,c}", "{b}", List.of(ab, cb));
        assertEquals("{a,c}", groups.a());
        assertArrayEquals(new int[] {1, 1, 2, 2, 2}, groups.pairs());
        assertEquals(ab.distance()[0], groups.distance()[0], 0, "only a reaches progress 0");
        assertEquals(ab.distance()[1], groups.distance()[1], 0);
        for (int g = 2; g < 5; g++) assertEquals((ab.distance()[g] + cb.distance()[g]) / 2, groups.distance()[g], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> DistanceByProgress.averaged("x", "y", List.of()));
    }

    @Test
    void runsOnDifferentGridsAreRefused() {
        ReindexedTrajectory a = run("a", A, A_PROGRESS);
        ReindexedTrajectory other = Trajectory.of("b", List.of(a.at(0)), new double[] {0}).reindex(ProgressGrid.evenly(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DistanceByProgress.between(a, other));
        assertTrue(e.getMessage().contains("different progress grids"), e.getMessage());
    }
}
