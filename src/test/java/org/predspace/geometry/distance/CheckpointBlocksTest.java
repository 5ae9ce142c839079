package org.predspace.geometry.distance;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The growing last block: every checkpoint reads back as stored, and small sets take small blocks. */
class CheckpointBlocksTest {
    private static float[] row(Random r, int n) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) v[k] = r.nextFloat();
        return v;
    }

    @Test
    void checkpointsReadBackAcrossEveryGrowthAndBlockBoundary() {
        ProbeShape shape = new ProbeShape("probe", 13, 3);
        CheckpointBlocks blocks = new CheckpointBlocks(shape);
        Random r = new Random(5);
        int full = ModelBlock.CAPACITY;
        float[][] stored = new float[full + 44][];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = row(r, 39);
            blocks.add(stored[i]);
            // every earlier checkpoint is still there after this add, whatever it grew
            if (i == 15 || i == 16 || i == full - 1 || i == full || i == stored.length - 1) {
                for (int j = 0; j <= i; j++) assertArrayEquals(stored[j], blocks.get(j), "checkpoint " + j + " after " + (i + 1));
            }
        }
        assertEquals(full + 44, blocks.size());
        assertEquals(2, blocks.blockCount());
        assertEquals(ModelBlock.CAPACITY, blocks.block(0).capacity);
        assertEquals(full, blocks.block(0).count());
        assertEquals(64, blocks.block(1).capacity, "44 checkpoints: 16, 32, then 64");
    }

    /**
     * Many checkpoints at once are written row by row of the block: batches of odd sizes,
     * across every growth and the block boundary, read back as given (subnormal square roots as
     * 0), in blocks of the same counts and capacities as one at a time.
     */
    @Test
    void addingManyAtOnceGivesTheSameBlocksAsOneByOne() {
        ProbeShape shape = new ProbeShape("probe", 7, 3);
        Random r = new Random(8);
        int total = 2 * ModelBlock.CAPACITY + 37;
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            float[] v = row(r, 21);
            v[i % 21] = 0x1p-70f; // below the square roots the block keeps
            rows.add(v);
        }
        CheckpointBlocks one = new CheckpointBlocks(shape);
        for (float[] v : rows) one.add(v);
        for (int batch : new int[] {1, 2, 3, 15, 17, 100, ModelBlock.CAPACITY + 5, total}) {
            CheckpointBlocks many = new CheckpointBlocks(shape);
            for (int from = 0; from < total; from += batch) many.addAll(rows.subList(from, Math.min(total, from + batch)));
            assertEquals(one.size(), many.size(), "batches of " + batch);
            assertEquals(one.blockCount(), many.blockCount(), "batches of " + batch);
            for (int b = 0; b < one.blockCount(); b++) {
                assertEquals(one.block(b).count(), many.block(b).count(), "block " + b + ", batches of " + batch);
                assertEquals(one.block(b).capacity, many.block(b).capacity, "block " + b + " grows as one by one, batches of " + batch);
            }
            for (int i = 0; i < total; i++) {
                float[] expected = rows.get(i).clone();
                expected[i % 21] = 0f; // a square root below 2^-63 is stored as 0
                assertArrayEquals(expected, many.get(i), "checkpoint " + i + ", batches of " + batch);
                assertArrayEquals(expected, one.get(i), "checkpoint " + i + ", one by one");
            }
        }
    }

    @Test
    void aSmallSetTakesABlockOfItsOwnSizeNotAFullOne() {
        CheckpointBlocks blocks = new CheckpointBlocks(new ProbeShape("probe", 200, 10));
        Random r = new Random(2);
        for (int i = 0; i < 30; i++) blocks.add(row(r, 2000));
        assertEquals(32, blocks.block(0).capacity);
        assertEquals(2000, blocks.block(0).rows.length);
        assertEquals(32, blocks.block(0).rows[0].length, "2000 x 32 floats instead of 2000 x " + ModelBlock.CAPACITY);
    }

    @Test
    void aSetOfKnownSizeTakesOneBlockOfThatSizeAndGrowsOnlyPastIt() {
        CheckpointBlocks blocks = new CheckpointBlocks(new ProbeShape("probe", 4, 2), 29);
        Random r = new Random(3);
        for (int i = 0; i < 29; i++) blocks.add(row(r, 8));
        assertEquals(29, blocks.block(0).capacity);
        blocks.add(row(r, 8));
        assertEquals(58, blocks.block(0).capacity, "one more than expected doubles it");
        assertEquals(30, blocks.block(0).count());
    }
}
