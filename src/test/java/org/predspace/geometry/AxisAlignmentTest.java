package org.predspace.geometry;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AxisAlignmentTest {
    private static double[][] randomPoints(int m, int k, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[m][k];
        for (double[] p : x) for (int a = 0; a < k; a++) p[a] = random.nextGaussian() * (k - a);
        return x;
    }

    @Test
    void signsModeUndoesFlippedAxes() {
        double[][] shown = randomPoints(50, 3, 81);
        double[][] fresh = new double[50][];
        for (int i = 0; i < 50; i++) fresh[i] = new double[] {-shown[i][0], shown[i][1], -shown[i][2]};
        AxisAlignment r = AxisAlignment.between(fresh, shown, new double[] {3, 2, -1}, AxisAlignment.Mode.SIGNS);
        for (int i = 0; i < 50; i++) {
            double[] y = r.apply(fresh[i]);
            for (int a = 0; a < 3; a++) assertEquals(shown[i][a], y[a], 1e-12);
        }
    }

    @Test
    void procrustesUndoesARotationAmongSpaceLikeAxesButNeverMixesInATimeLikeOne() {
        double[][] shown = randomPoints(60, 3, 82);
        double c = Math.cos(0.3);
        double s = Math.sin(0.3);
        double[][] fresh = new double[60][];
        // Axes 0 and 2 are space-like and turned by 0.3 rad; axis 1 is time-like and flipped.
        for (int i = 0; i < 60; i++) {
            double[] p = shown[i];
            fresh[i] = new double[] {c * p[0] - s * p[2], -p[1], s * p[0] + c * p[2]};
        }
        AxisAlignment r = AxisAlignment.between(fresh, shown, new double[] {3, -2, 1}, AxisAlignment.Mode.PROCRUSTES);
        for (int i = 0; i < 60; i++) {
            double[] y = r.apply(fresh[i]);
            for (int a = 0; a < 3; a++) assertEquals(shown[i][a], y[a], 1e-12);
        }
        assertEquals(0, r.rotation()[0][1], 0);
        assertEquals(0, r.rotation()[1][2], 0);
    }
}
