package org.predspace.ui;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The checkpoint a run chosen as a whole stands for, on explicit step lists. */
class RunCheckpointChoiceTest {
    private static final long[] STEPS = {0, 10, 20, 30, 40};

    @Test
    void theLastCheckpointWhenParametersAreNotWanted() {
        assertEquals(4, RunCheckpointChoice.of(STEPS, new long[] {0, 20}, false));
        assertEquals(4, RunCheckpointChoice.of(STEPS, new long[0], false));
    }

    @Test
    void withParametersWantedTheLastCheckpointThatHasASnapshot() {
        assertEquals(4, RunCheckpointChoice.of(STEPS, new long[] {0, 20, 40}, true));   // sparse: first, middle, last
        assertEquals(2, RunCheckpointChoice.of(STEPS, new long[] {20, 0}, true));       // last one lost: step 20
        assertEquals(3, RunCheckpointChoice.of(STEPS, new long[] {0, 10, 20, 30}, true));
    }

    @Test
    void aRunWithoutSnapshotsStillSelectsItsLastCheckpoint() {
        // the Spectrum panel then says the run kept none, rather than "Select a checkpoint"
        assertEquals(4, RunCheckpointChoice.of(STEPS, new long[0], true));
    }

    @Test
    void aSnapshotOfNoCheckpointIsNotSelected() {
        assertEquals(4, RunCheckpointChoice.of(STEPS, new long[] {25}, true));
    }

    @Test
    void aRunWithoutCheckpointsSelectsNone() {
        assertEquals(-1, RunCheckpointChoice.of(new long[0], new long[0], false));
        assertEquals(-1, RunCheckpointChoice.of(new long[0], new long[] {0}, true));
    }
}
