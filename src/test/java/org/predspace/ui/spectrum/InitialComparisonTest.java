package org.predspace.ui.spectrum;

import org.junit.jupiter.api.Test;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.session.CheckpointRef;

import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.*;

class InitialComparisonTest {
    /** Checkpoints at steps 0, 10, ..., 90; snapshots (sparse) at 0, 40 and 90. */
    static final List<CheckpointMetrics> METRICS = LongStream.range(0, 10)
            .mapToObj(i -> new CheckpointMetrics(10 * i, 0, 1, 0.5, 1, 0.5)).toList();
    static final long[] SAVED = {0, 40, 90};

    @Test
    void theSelectedCheckpointIsComparedWithTheFirstSnapshot() {
        CheckpointRef selected = new CheckpointRef("r", 6, 60);
        InitialComparison c = InitialComparison.of("r", selected, METRICS, SAVED);
        assertTrue(c.possible());
        assertEquals(new CheckpointRef("r", 0, 0), c.initial());
        assertEquals(selected, c.target());
        assertTrue(c.tooltip().contains("step 0 (initialisation, pinned) and at step 60"), c.tooltip());
    }

    @Test
    void withOnlyTheRunSelectedItsLastSnapshotIsTheTarget() {
        InitialComparison c = InitialComparison.of("r", null, METRICS, SAVED);
        assertEquals(new CheckpointRef("r", 9, 90), c.target());
    }

    @Test
    void eachImpossibleCaseSaysWhy() {
        assertEquals(InitialComparison.NOTHING_SELECTED, InitialComparison.of(null, null, List.of(), new long[0]).reason());
        assertTrue(InitialComparison.of("r", null, METRICS, new long[0]).reason().startsWith("r kept no parameter snapshots"));
        assertTrue(InitialComparison.of("r", null, METRICS, new long[] {0}).reason().contains("only at step 0"));
        // step 30 has no snapshot: step 0's parameters stand in, so it would be compared with itself
        InitialComparison same = InitialComparison.of("r", new CheckpointRef("r", 3, 30), METRICS, SAVED);
        assertFalse(same.possible());
        assertNull(same.initial());
        assertTrue(same.reason().contains("drawn with the parameters of step 0"), same.reason());
        assertTrue(InitialComparison.of("r", null, List.of(), SAVED).reason().contains("still being read"));
    }
}
