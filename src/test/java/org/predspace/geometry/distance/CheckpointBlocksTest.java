package org.predspace.geometry.distance;

import org.junit.jupiter.api.Test;

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
        float[][] stored = new float[300][];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = row(r, 39);
            blocks.add(stored[i]);
            // every earlier checkpoint is still there after this add, whatever it grew
            if (i == 15 || i == 16 || i == 255 || i == 256 || i == 299) {
                for (int j = 0; j <= i; j++) assertArrayEquals(stored[j], blocks.get(j), "checkpoint " + j + " after " + (i + 1));
            }
        }
        assertEquals(300, blocks.size());
        assertEquals(2, blocks.blockCount());
        assertEquals(ModelBlock.CAPACITY, blocks.block(0).capacity);
        assertEquals(256, blocks.block(0).count());
        assertEquals(64, blocks.block(1).capacity, "44 checkpoints: 16, 32, then 64");
    }

    @Test
    void aSmallSetTakesABlockOfItsOwnSizeNotAFullOne() {
        CheckpointBlocks blocks = new CheckpointBlocks(new ProbeShape("probe", 200, 10));
        Random r = new Random(2);
        for (int i = 0; i < 30; i++) blocks.add(row(r, 2000));
        assertEquals(32, blocks.block(0).capacity);
        assertEquals(2000, blocks.block(0).rows.length);
        assertEquals(32, blocks.block(0).rows[0].length, "2000 x 32 floats instead of 2000 x 256");
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
