package org.predspace.ui.view3d;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which point a pointer position means, on explicit layouts worked out by hand. */
class ScreenPointsTest {
    private static final float NAN = Float.NaN;

    private static ScreenPoints of(float[] xy, float[] depth) {
        ScreenPoints p = new ScreenPoints();
        p.set(depth.length, xy, depth);
        return p;
    }

    @Test
    void theNearestCentreWithinTheRadiusIsPicked() {
        // centres at (100, 100), (110, 100), (100, 130)
        ScreenPoints p = of(new float[] {100, 100, 110, 100, 100, 130}, new float[] {5, 5, 5});
        assertEquals(0, p.nearest(103, 100, 8, 0));   // 3 px from 0, 7 px from 1
        assertEquals(1, p.nearest(106, 100, 8, 0));   // 6 px from 0, 4 px from 1
        assertEquals(2, p.nearest(105, 126, 8, 0));   // sqrt(25 + 16) = 6.4 from 2
        assertEquals(-1, p.nearest(106, 124, 8, 0));  // sqrt(36 + 36) = 8.49 from 2, farther from the others
    }

    @Test
    void aPointExactlyAtTheRadiusCountsAndOneFartherDoesNot() {
        ScreenPoints p = of(new float[] {0, 0}, new float[] {1});
        assertEquals(0, p.nearest(6, 8, 10, 0));      // 3-4-5 triangle: exactly 10 px
        assertEquals(-1, p.nearest(6, 8.01, 10, 0));
        assertEquals(0, p.nearest(0, 6, 8, 0));       // 6 px off: the "click 6 px from a point"
        assertEquals(-1, p.nearest(20, 0, 8, 0));     // 20 px off: nothing
    }

    @Test
    void unpickablePointsAreSkippedEvenWhenNearest() {
        ScreenPoints p = of(new float[] {NAN, NAN, 10, 0}, new float[] {1, 9});
        assertEquals(1, p.nearest(1, 0, 10, 0));      // point 0 is not drawn
        assertEquals(-1, p.nearest(-5, 0, 10, 0));    // 15 px from the only drawn one
    }

    @Test
    void overlappingMarkersGiveThePointInFront() {
        // 0 lies 1 px right of the pointer but far from the camera; 1 lies 3 px left, in front
        ScreenPoints p = of(new float[] {101, 50, 97, 50}, new float[] {900, 300});
        assertEquals(1, p.nearest(100, 50, 8, 3));    // within 1 + 3 px: the front one, drawn on top
        assertEquals(0, p.nearest(100, 50, 8, 1.5));  // 3 px > 1 + 1.5: the nearer centre
        assertEquals(0, p.nearest(100, 50, 8, 0));
    }

    @Test
    void theTieNeverReachesBeyondTheRadius() {
        // 0 at 7 px, far; 1 at 9 px, in front: a wide tie must not pick a point outside 8 px
        ScreenPoints p = of(new float[] {7, 0, -9, 0}, new float[] {900, 1});
        assertEquals(0, p.nearest(0, 0, 8, 5));
    }

    @Test
    void onlyTheFirstCountPointsOfLongerArraysAreUsedAndClearingEmptiesIt() {
        ScreenPoints p = new ScreenPoints();
        p.set(1, new float[] {50, 50, 0, 0}, new float[] {1, 1});
        assertEquals(1, p.size());
        assertEquals(-1, p.nearest(0, 0, 8, 0));      // the second pair is not a point
        assertEquals(0, p.nearest(52, 50, 8, 0));
        p.clear();
        assertEquals(-1, p.nearest(50, 50, 8, 0));
        assertEquals(-1, new ScreenPoints().nearest(0, 0, 8, 0));
    }
}
