package org.predspace.training.spec;

import org.predspace.training.engine.CosineWarmupSchedule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class LearningRateScheduleTest {

    @Test
    void cosineStartsAtBaseHalvesAtMiddleEndsAtZero() {
        LearningRateSchedule c = LearningRateSchedule.COSINE;
        assertEquals(0.1, c.rateAt(0.1, 0, 1000, 0), 1e-12);
        assertEquals(0.05, c.rateAt(0.1, 500, 1000, 0), 1e-12);
        assertEquals(0.0, c.rateAt(0.1, 1000, 1000, 0), 1e-12);
        // closed form at an arbitrary point
        assertEquals(0.1 * 0.5 * (1 + Math.cos(Math.PI * 0.3)), c.rateAt(0.1, 300, 1000, 0), 1e-12);
    }

    @Test
    void warmupRampsLinearlyThenDecays() {
        LearningRateSchedule c = LearningRateSchedule.COSINE;
        assertEquals(0.01, c.rateAt(0.1, 9, 1000, 100), 1e-12);
        assertEquals(0.1, c.rateAt(0.1, 99, 1000, 100), 1e-12);
        assertEquals(0.1, c.rateAt(0.1, 100, 1000, 100), 1e-12);
        assertEquals(0.05, c.rateAt(0.1, 550, 1000, 100), 1e-12);
    }

    @Test
    void constantIgnoresStepAfterWarmup() {
        assertEquals(0.3, LearningRateSchedule.CONSTANT.rateAt(0.3, 999, 1000, 0), 0);
        assertEquals(0.15, LearningRateSchedule.CONSTANT.rateAt(0.3, 4, 1000, 10), 1e-12);
    }

    @Test
    void dl4jAdapterReportsTheScheduleAtTheIteration() {
        CosineWarmupSchedule s = new CosineWarmupSchedule(LearningRateSchedule.COSINE, 0.2, 100, 0);
        assertEquals(LearningRateSchedule.COSINE.rateAt(0.2, 37, 100, 0), s.valueAt(37, 0), 0);
        assertEquals(s.valueAt(37, 0), s.clone().valueAt(37, 0), 0);
    }
}
