package org.predspace.geometry.distance;

import java.util.ArrayList;
import java.util.List;

/**
 * A growing set of checkpoints stored as {@link ModelBlock}s, and d_B from outside
 * checkpoints to all of them. Shared by the distance matrix, the landmark set and the
 * farthest-point candidate pool. Not thread-safe for writing.
 */
public final class CheckpointBlocks {
    private final ProbeShape shape;
    private final List<ModelBlock> blocks = new ArrayList<>();
    private int size;

    /** Capacity of the first block: {@link #FIRST_CAPACITY}, or the expected size when it is known. */
    private final int firstCapacity;

    public CheckpointBlocks(ProbeShape shape) { this(shape, FIRST_CAPACITY); }

    /** For a set whose size is known: its first block holds them all (up to a full block), without growing. */
    CheckpointBlocks(ProbeShape shape, int expected) {
        this.shape = shape;
        this.firstCapacity = Math.max(1, Math.min(ModelBlock.CAPACITY, expected));
    }

    int size() { return size; }

    int blockCount() { return blocks.size(); }

    ModelBlock block(int b) { return blocks.get(b); }

    /**
     * A new last block holds this many checkpoints at first, and doubles up to
     * {@link ModelBlock#CAPACITY} as it fills. A full-size block is N x C arrays of 512 floats
     * (4 MB for 200 probe samples, 20 MB for 1,000): made whole for every small matrix, such
     * as the Compare panel's one per grid value every two seconds while runs train, that was
     * 70 MB of garbage a second and a young collection twice a second, each pausing the
     * picture for up to 30 ms (JFR allocation samples, -Xlog:gc).
     */
    static final int FIRST_CAPACITY = 16;

    /** Appends sqrt values (N x C row-major). Every block but the last is full, so checkpoint i is in block i / CAPACITY. */
    public void add(float[] sqrt) { addAll(List.of(sqrt)); }

    /**
     * Appends checkpoints (sqrt values, N x C row-major each), filled row by row of each block
     * ({@link ModelBlock#addAll}). A new last block starts at {@link #FIRST_CAPACITY} (the
     * first: at the expected size) and doubles, up to {@link ModelBlock#CAPACITY}, as far as the
     * checkpoints need: the same blocks whether they come one by one or all at once.
     */
    public void addAll(List<float[]> sqrt) {
        int from = 0;
        while (from < sqrt.size()) {
            int last = blocks.size() - 1;
            if (last < 0 || blocks.get(last).count() == ModelBlock.CAPACITY) {
                blocks.add(new ModelBlock(shape, blocks.isEmpty() ? firstCapacity : FIRST_CAPACITY));
                last++;
            }
            ModelBlock b = blocks.get(last);
            int to = Math.min(sqrt.size(), from + ModelBlock.CAPACITY - b.count());
            int capacity = b.capacity;
            while (capacity < b.count() + to - from) capacity = Math.min(ModelBlock.CAPACITY, 2 * capacity);
            if (capacity > b.capacity) {
                b = b.grownTo(capacity);
                blocks.set(last, b);
            }
            b.addAll(sqrt, from, to);
            size += to - from;
            from = to;
        }
    }

    public float[] get(int i) { return blocks.get(i / ModelBlock.CAPACITY).get(i % ModelBlock.CAPACITY); }

    /** out[q][j] = d_B(query q, checkpoint j) for every query of the block and every j; on the calling thread. */
    public void distancesFrom(ModelBlock queries, BhattacharyyaKernel kernel, double[][] out) {
        double[][] tile = new double[queries.count()][];
        for (int b = 0; b < blocks.size(); b++) {
            ModelBlock block = blocks.get(b);
            for (int q = 0; q < tile.length; q++) tile[q] = new double[block.count()];
            kernel.distances(queries, 0, queries.count(), block, false, tile);
            for (int q = 0; q < tile.length; q++) System.arraycopy(tile[q], 0, out[q], b * ModelBlock.CAPACITY, block.count());
        }
    }

    /** d_B from one checkpoint to every stored one, blocks in parallel. */
    public double[] distancesFrom(float[] sqrt, BhattacharyyaKernel kernel, Parallelism parallelism) {
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
