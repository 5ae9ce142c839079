package org.predspace.training;

import org.junit.jupiter.api.Test;
import org.predspace.data.Dataset;
import org.predspace.data.InputShape;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ProbeSetTest {

    @Test
    void balancedAcrossClassesAndSorted() {
        Dataset d = TestData.blobs("b", 100, 4, 3, 7);
        ProbeSet p = ProbeSet.balanced("blobs", "train", d, 40, 0);
        assertEquals(40, p.size());
        int[] counts = new int[4];
        for (int l : p.labels()) counts[l]++;
        assertArrayEquals(new int[] {10, 10, 10, 10}, counts);
        int[] idx = p.indices();
        for (int i = 1; i < idx.length; i++) assertTrue(idx[i] > idx[i - 1]);
        for (int i = 0; i < idx.length; i++) assertEquals(d.label(idx[i]), p.labels()[i]);
    }

    @Test
    void smallClassGivesAllItHasAndOthersFillTheRest() {
        // class 0 has 3 samples, class 1 has 50
        int n = 53;
        float[] x = new float[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = i < 3 ? 0 : 1;
        Dataset d = new Dataset("skewed", x, y, 2, InputShape.tabular(1), List.of("a", "b"));
        ProbeSet p = ProbeSet.balanced("skewed", "train", d, 20, 1);
        int zeros = 0;
        for (int l : p.labels()) if (l == 0) zeros++;
        assertEquals(20, p.size());
        assertEquals(3, zeros);
    }

    @Test
    void sizeIsCappedByTheData() {
        Dataset d = TestData.blobs("b", 5, 2, 3, 7);
        assertEquals(10, ProbeSet.balanced("b", "train", d, 1000, 0).size());
    }

    @Test
    void idIsEqualExactlyWhenDataSizeAndSeedAreEqual() {
        Dataset d = TestData.blobs("b", 100, 4, 3, 7);
        String id = ProbeSet.balanced("blobs", "train", d, 40, 0).id();
        assertEquals(id, ProbeSet.balanced("blobs", "train", d, 40, 0).id());
        assertNotEquals(id, ProbeSet.balanced("blobs", "train", d, 40, 1).id(), "other probe seed");
        assertNotEquals(id, ProbeSet.balanced("blobs", "train", d, 36, 0).id(), "other size");
        assertNotEquals(id, ProbeSet.balanced("other", "train", d, 40, 0).id(), "other data set");
        assertNotEquals(id, ProbeSet.balanced("blobs", "test", d, 40, 0).id(), "other split");
    }
}
