package org.predspace.training;

import org.predspace.data.Dataset;
import org.predspace.data.InputShape;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Serves the training minibatches of one run: a fresh random order each epoch, optional
 * random labels and optional ±2 pixel shifts. Everything random comes from one generator
 * seeded by the run's seed, so the same seed gives the same batches.
 */
public final class MinibatchSource {
    static final int MAX_SHIFT = 2;

    private final Dataset data;
    private final int[] labels;
    private final int batchSize;
    private final boolean shift;
    private final SplittableRandom rng;
    private final int[] order;
    private int cursor;

    public MinibatchSource(Dataset data, int batchSize, double randomLabelFraction, boolean shiftAugment, long seed) {
        if (shiftAugment && !data.shape().image()) {
            throw new IllegalArgumentException("shift augmentation needs image data, but " + data.name() + " has " + data.shape());
        }
        this.data = data;
        this.batchSize = Math.min(batchSize, data.size());
        this.shift = shiftAugment;
        SplittableRandom root = new SplittableRandom(seed);
        this.labels = randomiseLabels(data, randomLabelFraction, root.split());
        this.rng = root.split();
        this.order = new int[data.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        this.cursor = order.length; // forces a shuffle before the first batch
    }

    /**
     * Replaces round(fraction * n) training labels, at random positions, by uniformly random
     * classes (which may equal the true one), fixed for the whole run: the "corner" experiments.
     */
    static int[] randomiseLabels(Dataset data, double fraction, SplittableRandom rng) {
        int[] l = data.labels();
        int count = (int) Math.round(fraction * l.length);
        int[] positions = new int[l.length];
        for (int i = 0; i < positions.length; i++) positions[i] = i;
        for (int i = 0; i < count; i++) {
            int j = i + rng.nextInt(positions.length - i);
            int t = positions[i];
            positions[i] = positions[j];
            positions[j] = t;
            l[positions[i]] = rng.nextInt(data.classes());
        }
        return l;
    }

    /** Steps in one epoch: the last, partial batch is dropped so all steps see full batches. */
    public int stepsPerEpoch() { return data.size() / batchSize; }

    public int batchSize() { return batchSize; }

    public int[] trainingLabels() { return labels.clone(); }

    /**
     * Fills the next batch: {@code x} with batchSize rows of features, {@code y} with one-hot
     * rows over {@code classes}. Reshuffles at each epoch boundary.
     */
    public void next(float[] x, float[] y) {
        if (cursor + batchSize > order.length) {
            shuffle();
            cursor = 0;
        }
        int d = data.shape().size();
        int classes = data.classes();
        Arrays.fill(y, 0f);
        for (int b = 0; b < batchSize; b++) {
            int i = order[cursor++];
            if (shift) {
                shifted(i, x, b * d);
            } else {
                data.copyFeatures(i, x, b * d);
            }
            y[b * classes + labels[i]] = 1f;
        }
    }

    private void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** Copies sample i translated by a random (dx, dy) in [-2, 2]^2, filling uncovered pixels with 0. */
    private void shifted(int i, float[] dest, int offset) {
        InputShape s = data.shape();
        int dx = rng.nextInt(2 * MAX_SHIFT + 1) - MAX_SHIFT;
        int dy = rng.nextInt(2 * MAX_SHIFT + 1) - MAX_SHIFT;
        float[] src = data.featuresView();
        int base = i * s.size();
        int h = s.height(), w = s.width();
        for (int c = 0; c < s.channels(); c++) {
            for (int r = 0; r < h; r++) {
                int sr = r - dy;
                for (int col = 0; col < w; col++) {
                    int sc = col - dx;
                    boolean inside = sr >= 0 && sr < h && sc >= 0 && sc < w;
                    dest[offset + (c * h + r) * w + col] = inside ? src[base + (c * h + sr) * w + sc] : 0f;
                }
            }
        }
    }
}
