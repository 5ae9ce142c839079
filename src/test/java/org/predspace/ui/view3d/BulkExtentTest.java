package org.predspace.ui.view3d;

import org.junit.jupiter.api.Test;
import org.predspace.ui.CameraPose;

import static org.junit.jupiter.api.Assertions.*;

/** The framed box on explicit point sets. */
class BulkExtentTest {
    /** {@code n} points evenly along x from 0 to 1, y in [-0.1, 0.1], z = 0.5, then {@code extra}. */
    private static double[] line(int n, double... extra) {
        double[] xyz = new double[3 * n + extra.length];
        for (int i = 0; i < n; i++) {
            xyz[3 * i] = i / (n - 1.0);
            xyz[3 * i + 1] = -0.1 + 0.2 * i / (n - 1.0);
            xyz[3 * i + 2] = 0.5;
        }
        System.arraycopy(extra, 0, xyz, 3 * n, extra.length);
        return xyz;
    }

    @Test
    void theBoxHoldsTheCentral98PercentOnEachAxis() {
        BulkExtent b = BulkExtent.of(line(101), 101);
        // x from 0 to 1 in steps of 0.01: the 1st and 99th percentiles are 0.01 and 0.99
        assertEquals(0.5, b.centre()[0], 1e-12);
        assertEquals(0.0, b.centre()[1], 1e-12);
        assertEquals(0.5, b.centre()[2], 1e-12);
        assertEquals(0.49, b.halfWidth(), 1e-12);   // the widest side, x: (0.99 - 0.01) / 2
    }

    @Test
    void aFewOutliersDoNotChangeTheScale() {
        int n = 1000;
        BulkExtent bulk = BulkExtent.of(line(n), n);
        // three points of a diverged run 50 and 200 units away, beyond the others on every axis
        double[] withOutliers = line(n, 50, 50, 50, -200, 10, 0, 80, -120, 300);
        BulkExtent framed = BulkExtent.of(withOutliers, n + 3);
        assertEquals(bulk.halfWidth(), framed.halfWidth(), 0.01 * bulk.halfWidth());
        for (int a = 0; a < 3; a++) assertEquals(bulk.centre()[a], framed.centre()[a], 0.01);
        // the largest |coordinate| the view used to fit would be 300 units, not about 0.5
        assertTrue(framed.halfWidth() < 0.5);
    }

    @Test
    void equalPointsHaveNoWidthAndTheFloorGivesThemOne() {
        double[] same = new double[3 * 20];
        for (int i = 0; i < 20; i++) {
            same[3 * i] = 1;
            same[3 * i + 1] = -2;
            same[3 * i + 2] = 3;
        }
        BulkExtent b = BulkExtent.of(same, 20);
        assertEquals(0, b.halfWidth());
        assertArrayEquals(new double[] {1, -2, 3}, b.centre(), 0);
        BulkExtent floored = b.atLeast(0.25);
        assertEquals(0.25, floored.halfWidth());
        assertArrayEquals(new double[] {1, -2, 3}, floored.centre(), 0);
        assertSame(floored, floored.atLeast(0.1));
    }

    @Test
    void pointsWithANanOrInfiniteCoordinateAreLeftOut() {
        double[] xyz = line(101, Double.NaN, 1e9, 1e9, 1e9, Double.POSITIVE_INFINITY, 0, 0, 0, Double.NEGATIVE_INFINITY);
        BulkExtent b = BulkExtent.of(xyz, 104);
        BulkExtent clean = BulkExtent.of(line(101), 101);
        assertEquals(clean.halfWidth(), b.halfWidth(), 1e-12);
        assertArrayEquals(clean.centre(), b.centre(), 1e-12);
        assertNull(BulkExtent.of(new double[] {Double.NaN, 0, 0}, 1));
        assertNull(BulkExtent.of(new double[0], 0));
    }

    @Test
    void onlyTheCountedPointsCount() {
        double[] xyz = line(11, 1000, 1000, 1000);
        assertEquals(BulkExtent.of(line(11), 11).halfWidth(), BulkExtent.of(xyz, 11).halfWidth(), 0);
    }

    @Test
    void quantilesInterpolateAsNumpyDoes() {
        // numpy.percentile([1, 2, 4, 8], [1, 50, 99]) = 1.03, 3.0, 7.88
        double[] v = {1, 2, 4, 8};
        assertEquals(1.03, BulkExtent.quantile(v, 0.01), 1e-12);
        assertEquals(3.0, BulkExtent.quantile(v, 0.5), 1e-12);
        assertEquals(7.88, BulkExtent.quantile(v, 0.99), 1e-12);
        assertEquals(5.0, BulkExtent.quantile(new double[] {5}, 0.99), 0);
    }

    @Test
    void theFarPlaneReachesEveryPointFromTheFarthestCamera() {
        assertEquals(20_000, BulkExtent.farClip(300));
        double far = BulkExtent.farClip(1e6);
        assertTrue(far >= CameraPose.MAX_DISTANCE + 1e6, "far " + far);
        assertEquals(1, BulkExtent.nearClip(20_000));
        assertEquals(far / 1e5, BulkExtent.nearClip(far));
    }
}
