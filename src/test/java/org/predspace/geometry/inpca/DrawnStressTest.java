package org.predspace.geometry.inpca;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The stress of the drawn axes, on a case small enough to write out by hand. */
class DrawnStressTest {
    /** Eigenvalues 4, -3, 2, 1 and a rest with squares summing to 10: ||W||_F^2 = 16 + 9 + 4 + 1 + 10 = 40. */
    private static final double[] LAMBDA = {4, -3, 2, 1};
    private static final double F = 40;

    @Test
    void theLeadingAxesGiveTheExplainedStressCurve() {
        double[] s = ExplainedStress.cumulative(LAMBDA, F);
        assertEquals(1 - Math.sqrt(1 - 16 / 40.0), DrawnStress.of(LAMBDA, F, new int[] {0}), 1e-15);
        assertEquals(s[2], DrawnStress.of(LAMBDA, F, new int[] {0, 1, 2}), 1e-15);
        assertArrayEquals(new double[] {s[0], s[1] - s[0], s[2] - s[1]}, DrawnStress.shares(LAMBDA, F, new int[] {0, 1, 2}), 1e-15);
    }

    @Test
    void otherAxesAreCreditedWithWhatTheyExplainAmongTheDrawnOnes() {
        // axes 2, 4, 3 drawn as x, y, z: 9 + 1 + 4 = 14 of 40
        int[] drawn = {1, 3, 2};
        double all = 1 - Math.sqrt(1 - 14 / 40.0);
        assertEquals(all, DrawnStress.of(LAMBDA, F, drawn), 1e-15);
        double two = 1 - Math.sqrt(1 - 9 / 40.0);          // axis 2 first: the largest |lambda| drawn
        double twoThree = 1 - Math.sqrt(1 - 13 / 40.0);    // then axis 3
        assertArrayEquals(new double[] {two, all - twoThree, twoThree - two}, DrawnStress.shares(LAMBDA, F, drawn), 1e-15);
        // an axis drawn twice counts once; an axis beyond those computed adds nothing
        assertEquals(1 - Math.sqrt(1 - 16 / 40.0), DrawnStress.of(LAMBDA, F, new int[] {0, 0, 7}), 1e-15);
        assertEquals(0, DrawnStress.of(LAMBDA, 0, drawn));
    }

    @Test
    void percentagesKeepOneDecimalBelowTen() {
        assertEquals("95%", DrawnStress.percent(0.949));
        assertEquals("1.6%", DrawnStress.percent(0.016));
        assertEquals("0.2%", DrawnStress.percent(-0.0022));
        assertEquals("10%", DrawnStress.percent(0.0996));
    }
}
