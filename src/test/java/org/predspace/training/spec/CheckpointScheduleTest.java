package org.predspace.training.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.*;

class CheckpointScheduleTest {

    @ParameterizedTest
    @CsvSource({"10000,60", "5000,40", "100,60", "61,60", "200000,80", "79,80"})
    void logSpacedHasExactCountStartsAtZeroEndsAtLastAndIncreases(long total, int target) {
        CheckpointSchedule s = CheckpointSchedule.logSpaced(total, target);
        assertEquals(Math.min(target, total + 1), s.size());
        assertEquals(0, s.step(0));
        assertEquals(total, s.lastStep());
        for (int i = 1; i < s.size(); i++) assertTrue(s.step(i) > s.step(i - 1), "strictly increasing at " + i);
    }

    @Test
    void shortRunCheckpointsEveryStep() {
        CheckpointSchedule s = CheckpointSchedule.logSpaced(24, 60);
        assertEquals(25, s.size());
        for (int i = 0; i <= 24; i++) assertTrue(s.contains(i));
    }

    @Test
    void denseEarlySparseLate() {
        CheckpointSchedule s = CheckpointSchedule.logSpaced(10000, 60);
        int firstTenth = 0;
        for (long step : s.steps()) if (step <= 1000) firstTenth++;
        // a log grid puts ~3/4 of its points in the first tenth of 10^4 steps; uniform would put 1/10
        assertTrue(firstTenth > 40, "checkpoints in the first 10% of steps: " + firstTenth);
        assertTrue(s.step(s.size() - 1) - s.step(s.size() - 2) > 500, "late checkpoints are far apart");
    }

    @Test
    void explicitScheduleMustStartAtZeroAndIncrease() {
        assertThrows(IllegalArgumentException.class, () -> CheckpointSchedule.of(1, 2));
        assertThrows(IllegalArgumentException.class, () -> CheckpointSchedule.of(0, 5, 5));
        assertEquals(3, CheckpointSchedule.of(0, 5, 9).size());
    }
}
