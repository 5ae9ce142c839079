package org.predspace.ui;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SnapshotChoiceTest {
    private static final long[] SPARSE = {0, 50, 100};

    @Test
    void aSavedStepIsUsedItselfAndNothingIsSaid() {
        SnapshotChoice c = SnapshotChoice.of(50, SPARSE).orElseThrow();
        assertTrue(c.exact());
        assertEquals(50, c.step());
        assertEquals("", c.note("r"));
    }

    @Test
    void anUnsavedStepUsesTheNearestEarlierOneAndSaysSo() {
        SnapshotChoice c = SnapshotChoice.of(90, SPARSE).orElseThrow();
        assertEquals(50, c.step());
        assertFalse(c.exact());
        assertTrue(c.note("iris-mlp").contains("step 90 has no parameter snapshot"), c.note("iris-mlp"));
        assertTrue(c.note("iris-mlp").contains("step 50, the nearest earlier"), c.note("iris-mlp"));
        assertEquals(100, SnapshotChoice.of(500, SPARSE).orElseThrow().step());
    }

    @Test
    void beforeTheFirstSnapshotTheFirstLaterOneIsUsed() {
        SnapshotChoice c = SnapshotChoice.of(5, new long[] {10, 20}).orElseThrow();
        assertEquals(10, c.step());
        assertTrue(c.note("r").contains("nearest later"));
    }

    @Test
    void aRunWithoutSnapshotsHasNoChoice() {
        assertTrue(SnapshotChoice.of(10, new long[0]).isEmpty());
        assertTrue(SnapshotChoice.noSnapshots("run-0").startsWith("run-0 kept no parameter snapshots"));
    }
}
