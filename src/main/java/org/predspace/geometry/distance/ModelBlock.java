package org.predspace.geometry.distance;

import java.util.List;

/**
 * Up to {@code capacity} checkpoints' sqrt-probabilities laid out [sample][class][model]:
 * for a fixed (sample, class) the values over models are one contiguous float array, so the
 * kernel's inner loop over models is a plain multiply-add loop that the JIT vectorises.
 * (One array per (sample, class) rather than one flat array with offsets: Java 17's C2
 * does not vectorise loops whose arrays are indexed with different invariant offsets.)
 * Not thread-safe for writing; the owner publishes it to readers through a join or a lock.
 */
public final class ModelBlock {
    /**
     * 512 models x 10 classes x 36 samples of floats = 740 KB: one sample chunk stays in L2.
     * The kernel's loops run over the models of a block, and C2 spends a scalar head and tail
     * of up to 15 models each on aligning every loop: over 512 models rather than 256 that
     * costs half as much per pair (7% less CPU for the distances at m = 1,000;
     * bench/README.md, "Geometry: distances and InPCA").
     */
    public static final int CAPACITY = 512;

    final int samples;
    final int classes;
    final int capacity;
    /** rows[sample * classes + class][model] = sqrt p_model(class | sample). */
    final float[][] rows;
    private int count;

    public ModelBlock(ProbeShape shape, int capacity) { this(shape.samples(), shape.classes(), capacity); }

    private ModelBlock(int samples, int classes, int capacity) {
        this.samples = samples;
        this.classes = classes;
        this.capacity = capacity;
        this.rows = new float[samples * classes][capacity];
    }

    int count() { return count; }

    /** The same checkpoints in a block of {@code larger} capacity. */
    ModelBlock grownTo(int larger) {
        if (larger < count) throw new IllegalArgumentException("capacity " + larger + " below " + count + " checkpoints");
        ModelBlock b = new ModelBlock(samples, classes, larger);
        for (int k = 0; k < rows.length; k++) System.arraycopy(rows[k], 0, b.rows[k], 0, count);
        b.count = count;
        return b;
    }

    /** Appends one checkpoint (sqrt values, N x C row-major) and returns its slot. */
    public int add(float[] sqrt) {
        int slot = count;
        set(slot, sqrt);
        return slot;
    }

    /**
     * Square roots below 2^-63 (probabilities that are subnormal floats, below 1.2e-38) are
     * stored as 0. Two values at or above it multiply to a normal float (>= 2^-126); below, the
     * kernel's products and sums became subnormal, and every subnormal operand or result costs
     * the CPU a microcode assist: confident predictions (softmax logit gaps over ~87) made the
     * kernel 3-4x slower. The value dropped is below 1e-19 of a coefficient that is either at
     * least the 1e-6 floor, where it is 1e-13 of it and vanishes in float rounding, or clamped
     * to the floor anyway.
     */
    static final float SUBNORMAL_PRODUCTS = 0x1p-63f;

    /** Writes slot {@code j} (streaming sources refill a reused block). */
    public void set(int j, float[] sqrt) {
        for (int k = 0; k < rows.length; k++) rows[k][j] = stored(sqrt[k]);
        count = Math.max(count, j + 1);
    }

    /**
     * Appends checkpoints {@code sqrt[from, to)} (each N x C row-major), row by row of the
     * block: a checkpoint at a time writes one float into each of the N x C rows, a cache miss
     * per value once the rows outgrow the cache (13 ns a value, 0.26 s for 1,000 checkpoints
     * of 2,000 x 10); a row at a time writes contiguous floats and reads the checkpoints as
     * parallel streams (bench/README.md, "Geometry: distances and InPCA").
     */
    void addAll(List<float[]> sqrt, int from, int to) {
        int first = count;
        if (first + to - from > capacity) {
            throw new IllegalArgumentException((to - from) + " checkpoints do not fit after " + first + " in a block of " + capacity);
        }
        float[][] values = sqrt.subList(from, to).toArray(new float[0][]);
        for (int k = 0; k < rows.length; k++) {
            float[] row = rows[k];
            for (int t = 0; t < values.length; t++) row[first + t] = stored(values[t][k]);
        }
        count = first + values.length;
    }

    private static float stored(float sqrt) { return sqrt < SUBNORMAL_PRODUCTS ? 0f : sqrt; }

    public void clear() { count = 0; }

    /** Slot {@code j} back as N x C row-major sqrt values. */
    float[] get(int j) {
        float[] out = new float[rows.length];
        for (int k = 0; k < out.length; k++) out[k] = rows[k][j];
        return out;
    }
}
