package org.predspace.geometry.inpca;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AxisAlignmentTest {
    private static double[][] randomPoints(int m, int k, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[m][k];
        for (double[] p : x) for (int a = 0; a < k; a++) p[a] = random.nextGaussian() * (k - a);
        return x;
    }

    @Test
    void flippedAxesAreFlippedBack() {
        double[][] shown = randomPoints(50, 3, 81);
        double[][] fresh = new double[50][];
        for (int i = 0; i < 50; i++) fresh[i] = new double[] {-shown[i][0], shown[i][1], -shown[i][2]};
        AxisAlignment r = AxisAlignment.between(fresh, shown);
        assertArrayEquals(new double[] {-1, 1, -1}, r.signs());
        for (int i = 0; i < 50; i++) {
            double[] y = r.apply(fresh[i]);
            for (int a = 0; a < 3; a++) assertEquals(shown[i][a], y[a], 1e-12);
        }
    }

    /**
     * Axes turned among themselves (what an orthogonal Procrustes fit would undo) are not turned
     * back: each aligned axis is the fresh axis itself, times a sign. The sign is the one that
     * agrees with the earlier axis it is most like.
     */
    @Test
    void axesTurnedAmongThemselvesAreNeverMixedOnlySigned() {
        double[][] shown = randomPoints(60, 3, 82);
        double c = Math.cos(0.3);
        double s = Math.sin(0.3);
        double[][] fresh = new double[60][];
        for (int i = 0; i < 60; i++) {
            double[] p = shown[i];
            fresh[i] = new double[] {-(c * p[0] - s * p[2]), -p[1], s * p[0] + c * p[2]};
        }
        AxisAlignment r = AxisAlignment.between(fresh, shown);
        assertArrayEquals(new double[] {-1, -1, 1}, r.signs());
        for (int i = 0; i < 60; i++) {
            double[] y = r.apply(fresh[i]);
            for (int a = 0; a < 3; a++) assertEquals(Math.abs(fresh[i][a]), Math.abs(y[a]), 0, "axis " + a + " was mixed");
        }
    }

    /**
     * Two eigenvalues swapped order: the drawn axis 2 is now what axis 3 was. It stays eigen-axis 2
     * (not swapped back), and its sign is that of the earlier axis 3 it is, so the direction
     * keeps its orientation while it changes slot; likewise for the new axis 3.
     */
    @Test
    void afterTwoAxesSwapOrderEachKeepsItsSlotAndTakesItsSignFromTheAxisItWas() {
        double[][] shown = randomPoints(80, 3, 83);
        double[][] fresh = new double[80][];
        for (int i = 0; i < 80; i++) fresh[i] = new double[] {shown[i][0], -shown[i][2], shown[i][1]};
        AxisAlignment r = AxisAlignment.between(fresh, shown);
        assertArrayEquals(new double[] {1, -1, 1}, r.signs());
        for (int i = 0; i < 80; i++) {
            double[] y = r.apply(fresh[i]);
            assertEquals(shown[i][2], y[1], 1e-12);
            assertEquals(shown[i][1], y[2], 1e-12);
        }
    }

    @Test
    void anAxisTheEarlierPictureDidNotHaveKeepsItsSign() {
        double[][] shown = randomPoints(20, 2, 84);
        double[][] fresh = new double[20][];
        for (int i = 0; i < 20; i++) fresh[i] = new double[] {-shown[i][0], shown[i][1], 0.5};
        double[][] padded = new double[20][];
        for (int i = 0; i < 20; i++) padded[i] = new double[] {shown[i][0], shown[i][1], 0};   // a zero column: absent
        assertArrayEquals(new double[] {-1, 1, 1}, AxisAlignment.between(fresh, padded).signs());
        assertThrows(IllegalArgumentException.class, () -> new AxisAlignment(new double[] {1, 0.5}));
    }
}
