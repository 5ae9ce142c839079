package org.predspace.tasks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ImprintingTest {
    /** Two classes on a line: p(0 | x) = 1 / (1 + exp((x - mu0)^2 - (x - mu1)^2)). */
    @Test
    void twoClassesOnALineFollowTheClosedForm() {
        // class 0 at 0 and 2 (mean 1), class 1 at 4 (mean 4)
        Imprinting imprinting = Imprinting.of(new float[] {0f, 4f, 2f}, new int[] {0, 1, 0}, 2, 1);
        assertArrayEquals(new double[] {1.0}, imprinting.prototype(0));
        assertArrayEquals(new double[] {4.0}, imprinting.prototype(1));
        float[] xs = {-1f, 1f, 2.5f, 3f, 6f};
        float[] p = imprinting.predictions(xs, xs.length);
        for (int i = 0; i < xs.length; i++) {
            double x = xs[i];
            double p0 = 1 / (1 + Math.exp((x - 1) * (x - 1) - (x - 4) * (x - 4)));
            assertEquals(p0, p[2 * i], 1e-7, "x = " + x);
            assertEquals(1 - p0, p[2 * i + 1], 1e-7, "x = " + x);
        }
        assertEquals(0.5, p[4], 1e-7, "halfway between the prototypes both classes are equally likely");
    }

    @Test
    void prototypesAreMeansInEveryDimension() {
        float[] features = {1, 10, 3, 30, 5, 50, 7, -70};   // four samples of width 2
        Imprinting imprinting = Imprinting.of(features, new int[] {2, 2, 0, 1}, 3, 2);
        assertArrayEquals(new double[] {2, 20}, imprinting.prototype(2));
        assertArrayEquals(new double[] {5, 50}, imprinting.prototype(0));
        assertArrayEquals(new double[] {7, -70}, imprinting.prototype(1));
    }

    /** Squared distances of 1e6 underflow exp to 0/0 unless the largest logit is subtracted first. */
    @Test
    void farFeaturesStillGiveDistributions() {
        Imprinting imprinting = Imprinting.of(new float[] {0f, 1000f, 3000f}, new int[] {0, 1, 2}, 3, 1);
        float[] p = imprinting.predictions(new float[] {1100f, 5000f}, 2);
        assertArrayEquals(new float[] {0f, 1f, 0f, 0f, 0f, 1f}, p, 0f);
    }

    @Test
    void aClassWithoutPrototypeSamplesIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Imprinting.of(new float[] {1f, 2f}, new int[] {0, 2}, 4, 1));
        assertEquals("no prototype samples of classes 1, 3: imprinting needs at least one of every class", e.getMessage());
    }

    @Test
    void badShapesAndLabelsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Imprinting.of(new float[] {1f, 2f, 3f}, new int[] {0, 1}, 2, 1));
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> Imprinting.of(new float[] {1f, 2f}, new int[] {0, 2}, 2, 1));
        assertTrue(label.getMessage().contains("label 2"), label.getMessage());
        Imprinting ok = Imprinting.of(new float[] {1f, 2f}, new int[] {0, 1}, 2, 1);
        assertThrows(IllegalArgumentException.class, () -> ok.predictions(new float[] {1f, 2f, 3f}, 2));
    }
}
