package org.predspace.spectra;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SpectrumSummaryTest {
    @Test
    void decadesCountFromTheLargestToTheSmallestAboveTheFloor() {
        double[] v = {1e2, 1, 1e-4, 1e-11, 1e-20, 0, -1e-18};
        SpectrumSummary s = SpectrumSummary.of(v, 1e-14, 1e-3);
        assertEquals(13, s.decades(), 1e-12, "1e2 down to 1e-11; 1e-20 is below the floor 1e-14 * 1e2");
        assertEquals(4, s.aboveFloor());
        assertEquals(6, SpectrumSummary.of(v, 1e-12, 1e-3).decades(), 1e-12, "floor 1e-10 drops 1e-11");
        assertEquals(2, s.effectiveDimension(), "1e2 and 1 exceed 1e-3");
        assertEquals(101.0001, s.trace(), 1e-9);
    }

    @Test
    void overlapOfOrthogonalSubspacesIsZeroAndOfEqualOnesOne() {
        double[][] a = {{1, 0, 0, 0}, {0, 1, 0, 0}};
        double[][] b = {{0, 0, 1, 0}, {0, 0, 0, 1}};
        double[][] rotated = {{Math.sqrt(0.5), Math.sqrt(0.5), 0, 0}, {Math.sqrt(0.5), -Math.sqrt(0.5), 0, 0}};
        assertEquals(0, SpectrumSummary.overlap(a, b, 2), 1e-15);
        assertEquals(1, SpectrumSummary.overlap(a, rotated, 2), 1e-15, "same span, other basis");
        assertEquals(0.5, SpectrumSummary.overlap(a, rotated, 1), 1e-15);
    }

    @Test
    void pacBayesBoundFollowsTheFormula() {
        PacBayesBound pb = new PacBayesBound(0.1, 100, 0.05);
        double[] h = {10, 1, 1e-2, 1e-4};
        PacBayesBound.Result r = pb.evaluate(h, 4, 1000);
        assertEquals(3, r.effectiveDimension(), "10, 1 and 1e-2 exceed eps / a = 1e-3");
        double kl = 0.5 * (Math.log(1e4) + Math.log(1e3) + Math.log(10) + 0.1 * 4);
        double k = Math.sqrt(2 * (kl + Math.log(2000 / 0.05)) / 999);
        assertEquals(kl, r.kl(), 1e-12);
        assertEquals(0.03 + Math.sqrt(0.03 * k) + k, r.bound(), 1e-12);
    }
}
