package org.predspace.spectra;

import org.predspace.data.Dataset;

/**
 * The n samples a spectrum is computed on: flat float rows [n, d] (as the networks take them)
 * and their labels. Copied, so the caller's data set may change afterwards.
 */
public record Samples(float[] features, int[] labels, int size, int dimension) {
    public Samples {
        if (features.length != (long) size * dimension) throw new IllegalArgumentException("features are not " + size + " x " + dimension);
        if (labels.length != size) throw new IllegalArgumentException("expected " + size + " labels, got " + labels.length);
        if (size < 1) throw new IllegalArgumentException("a spectrum needs at least one sample");
    }

    /** The first {@code n} samples of {@code data} (all of them when n exceeds its size). */
    public static Samples first(Dataset data, int n) {
        int m = Math.min(n, data.size());
        int d = data.shape().size();
        float[] x = new float[m * d];
        System.arraycopy(data.featuresView(), 0, x, 0, m * d);
        int[] y = new int[m];
        for (int i = 0; i < m; i++) y[i] = data.label(i);
        return new Samples(x, y, m, d);
    }
}
