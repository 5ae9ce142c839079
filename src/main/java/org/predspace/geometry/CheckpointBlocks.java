package org.predspace.geometry;

import java.util.ArrayList;
import java.util.List;

/**
 * A growing set of checkpoints stored as {@link ModelBlock}s, and d_B from outside
 * checkpoints to all of them. Shared by the distance matrix, the landmark set and the
 * farthest-point candidate pool. Not thread-safe for writing.
 */
final class CheckpointBlocks {
    private final ProbeShape shape;
    private final List<ModelBlock> blocks = new ArrayList<>();
    private int size;

    CheckpointBlocks(ProbeShape shape) { this.shape = shape; }

    int size() { return size; }

    int blockCount() { return blocks.size(); }

    ModelBlock block(int b) { return blocks.get(b); }

    /** Appends sqrt values (N x C row-major). */
    void add(float[] sqrt) {
        if (blocks.isEmpty() || blocks.get(blocks.size() - 1).isFull()) {
            blocks.add(new ModelBlock(shape, ModelBlock.CAPACITY));
        }
        blocks.get(blocks.size() - 1).add(sqrt);
        size++;
    }

    float[] get(int i) { return blocks.get(i / ModelBlock.CAPACITY).get(i % ModelBlock.CAPACITY); }

    /** out[q][j] = d_B(query q, checkpoint j) for every query of the block and every j; on the calling thread. */
    void distancesFrom(ModelBlock queries, BhattacharyyaKernel kernel, double[][] out) {
        double[][] tile = new double[queries.count()][];
        for (int b = 0; b < blocks.size(); b++) {
            ModelBlock block = blocks.get(b);
            for (int q = 0; q < tile.length; q++) tile[q] = new double[block.count()];
            kernel.distances(queries, 0, queries.count(), block, false, tile);
            for (int q = 0; q < tile.length; q++) System.arraycopy(tile[q], 0, out[q], b * ModelBlock.CAPACITY, block.count());
        }
    }

    /** d_B from one checkpoint to every stored one, blocks in parallel. */
    double[] distancesFrom(float[] sqrt, BhattacharyyaKernel kernel, Parallelism parallelism) {
        ModelBlock query = new ModelBlock(shape, 1);
        query.add(sqrt);
        double[] out = new double[size];
        parallelism.forEach(blocks.size(), b -> {
            ModelBlock block = blocks.get(b);
            double[][] tile = {new double[block.count()]};
            kernel.distances(query, 0, 1, block, false, tile);
            System.arraycopy(tile[0], 0, out, b * ModelBlock.CAPACITY, block.count());
        });
        return out;
    }
}
