package org.predspace.ui.compare;

import org.junit.jupiter.api.Test;
import org.predspace.geometry.trajectory.Dendrogram;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DendrogramLayoutTest {
    /** a and c are close (0.1), b is far from both (0.8 and 0.9). */
    private static final double[][] D = {{0, 0.8, 0.1}, {0.8, 0, 0.9}, {0.1, 0.9, 0}};

    @Test
    void leavesTakeSlotsInLeafOrderSoRowsMatchTheHeatmap() {
        Dendrogram d = Dendrogram.completeLinkage(List.of("a", "b", "c"), D);
        DendrogramLayout layout = DendrogramLayout.of(d);
        int[] order = d.leafOrder();
        for (int slot = 0; slot < 3; slot++) {
            assertEquals(order[slot], layout.leafAt(slot));
            assertEquals(slot, layout.slotOf(order[slot]));
        }
        // a and c merged first, so they are neighbours.
        assertEquals(1, Math.abs(layout.slotOf(0) - layout.slotOf(2)));
    }

    @Test
    void eachMergeIsTwoArmsFromItsChildrenAndABarAtItsHeight() {
        Dendrogram d = Dendrogram.completeLinkage(List.of("a", "b", "c"), D);
        DendrogramLayout layout = DendrogramLayout.of(d);
        List<DendrogramLayout.Segment> s = layout.segments();
        assertEquals(6, s.size());
        double a = layout.slotOf(0);
        double c = layout.slotOf(2);
        double b = layout.slotOf(1);
        // First merge (a, c) at 0.1: arms from the leaves at height 0, bar between their slots.
        assertEquals(new DendrogramLayout.Segment(0, a, 0.1, a), s.get(0));
        assertEquals(new DendrogramLayout.Segment(0, c, 0.1, c), s.get(1));
        assertEquals(new DendrogramLayout.Segment(0.1, a, 0.1, c), s.get(2));
        // Root at 0.9 (complete linkage: the largest member distance) joins (a, c)'s midpoint and b.
        double mid = (a + c) / 2;
        assertTrue(s.contains(new DendrogramLayout.Segment(0.1, mid, 0.9, mid)));
        assertTrue(s.contains(new DendrogramLayout.Segment(0, b, 0.9, b)));
        assertEquals(0.9, layout.top(), 1e-12);
        assertFalse(layout.hasInfinite());
    }

    @Test
    void infiniteMergesAreDrawnJustAboveTheHighestFiniteOne() {
        double inf = Double.POSITIVE_INFINITY;
        double[][] d = {{0, 0.5, inf}, {0.5, 0, inf}, {inf, inf, 0}};
        DendrogramLayout layout = DendrogramLayout.of(Dendrogram.completeLinkage(List.of("a", "b", "c"), d));
        assertTrue(layout.hasInfinite());
        assertEquals(0.5 * DendrogramLayout.INFINITE_HEADROOM, layout.top(), 1e-12);
        for (DendrogramLayout.Segment s : layout.segments()) {
            assertTrue(Double.isFinite(s.height1()) && Double.isFinite(s.height2()) && s.height2() <= layout.top());
        }
    }

    @Test
    void identicalRunsStillGetAUsableScale() {
        DendrogramLayout layout = DendrogramLayout.of(Dendrogram.completeLinkage(List.of("a", "b"), new double[][] {{0, 0}, {0, 0}}));
        assertEquals(1, layout.top());
        assertArrayEquals(new int[] {0, 1}, new int[] {layout.leafAt(0), layout.leafAt(1)});
    }
}
