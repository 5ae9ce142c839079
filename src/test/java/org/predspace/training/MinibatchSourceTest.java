package org.predspace.training;

import org.junit.jupiter.api.Test;
import org.predspace.data.Dataset;
import org.predspace.data.InputShape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class MinibatchSourceTest {

    /** Data whose single feature is the sample index, so a batch reveals which samples it holds. */
    private static Dataset indexed(int n, int classes) {
        float[] x = new float[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i % classes;
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) names.add("c" + c);
        return new Dataset("indexed", x, y, classes, InputShape.tabular(1), names);
    }

    @Test
    void eachEpochVisitsEverySampleOnceWithItsLabel() {
        Dataset d = indexed(100, 3);
        MinibatchSource src = new MinibatchSource(d, 10, 0, false, 42);
        assertEquals(10, src.stepsPerEpoch());
        float[] x = new float[10];
        float[] y = new float[30];
        Set<Integer> seen = new HashSet<>();
        for (int s = 0; s < 10; s++) {
            src.next(x, y);
            for (int b = 0; b < 10; b++) {
                int i = (int) x[b];
                assertTrue(seen.add(i), "sample " + i + " twice in one epoch");
                assertEquals(1f, y[b * 3 + d.label(i)]);
            }
        }
        assertEquals(100, seen.size());
    }

    @Test
    void sameSeedSameOrderOtherSeedOtherOrder() {
        Dataset d = indexed(100, 3);
        float[] a = batch(new MinibatchSource(d, 20, 0, false, 1));
        float[] b = batch(new MinibatchSource(d, 20, 0, false, 1));
        float[] c = batch(new MinibatchSource(d, 20, 0, false, 2));
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    private static float[] batch(MinibatchSource src) {
        float[] x = new float[20];
        src.next(x, new float[60]);
        return x;
    }

    @Test
    void randomLabelFractionReplacesAboutThatShareOfLabels() {
        Dataset d = indexed(10000, 10);
        int[] changed = new MinibatchSource(d, 10, 0.5, false, 3).trainingLabels();
        int differ = 0;
        for (int i = 0; i < d.size(); i++) if (changed[i] != d.label(i)) differ++;
        // half are redrawn uniformly over 10 classes, so 9/10 of those differ: 0.45 expected
        assertEquals(0.45, differ / 10000.0, 0.02);
        assertArrayEquals(d.labels(), new MinibatchSource(d, 10, 0, false, 3).trainingLabels());
    }

    @Test
    void shiftMovesTheImageByAtMostTwoPixels() {
        int side = 9;
        float[] img = new float[side * side];
        img[4 * side + 4] = 1f; // one bright pixel in the centre
        Dataset d = new Dataset("dot", img, new int[] {0}, 2, InputShape.image(1, side, side), List.of("a", "b"));
        MinibatchSource src = new MinibatchSource(d, 1, 0, true, 5);
        Set<Integer> positions = new HashSet<>();
        float[] x = new float[side * side];
        for (int s = 0; s < 200; s++) {
            src.next(x, new float[2]);
            int pos = -1;
            for (int p = 0; p < x.length; p++) if (x[p] == 1f) pos = p;
            assertTrue(pos >= 0, "the dot stays inside a 9x9 image after a shift of at most 2");
            int r = pos / side, c = pos % side;
            assertTrue(Math.abs(r - 4) <= 2 && Math.abs(c - 4) <= 2);
            positions.add(pos);
        }
        assertEquals(25, positions.size(), "all 5x5 shifts occur");
    }

    @Test
    void shiftRefusesTabularData() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MinibatchSource(indexed(10, 2), 5, 0, true, 0));
        assertTrue(e.getMessage().contains("image"));
    }
}
