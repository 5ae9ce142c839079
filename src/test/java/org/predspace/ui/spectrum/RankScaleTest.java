package org.predspace.ui.spectrum;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class RankScaleTest {
    @Test
    void ticksAreWholeRanksUpToARoundNumberAtOrAboveTheLast() {
        assertEquals(new RankScale(4, 1), RankScale.covering(4));
        assertEquals(new RankScale(10, 1), RankScale.covering(10));
        assertEquals(new RankScale(80, 10), RankScale.covering(78));
        assertEquals(new RankScale(180, 20), RankScale.covering(180));
        assertEquals(new RankScale(200, 20), RankScale.covering(181));
        assertEquals(new RankScale(5000, 500), RankScale.covering(5000));
        assertEquals(new RankScale(1, 1), RankScale.covering(0));
    }
}
