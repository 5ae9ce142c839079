package org.predspace.training;

import org.predspace.data.Dataset;

/**
 * Runs a row-wise network function (predictions, features) over a sample set in chunks, so a
 * large probe never becomes one huge native batch.
 */
final class ChunkedRows {
    static final int CHUNK = 250;

    /** A function of each input row alone: {@code rows} rows in, {@code rows * width} values out. */
    @FunctionalInterface
    interface RowFunction {
        float[] apply(float[] x, int rows);
    }

    private ChunkedRows() {}

    /** {@code f} of every sample, [samples, width] row-major. */
    static float[] of(Dataset samples, int width, RowFunction f) {
        int n = samples.size();
        int d = samples.shape().size();
        float[] out = new float[n * width];
        float[] features = samples.featuresView();
        // The networks read their input and keep no reference to it, so a probe set that fits
        // one chunk goes in as it is and the full chunks share one buffer: the copies were the
        // largest garbage of a training (a probe's features at every checkpoint; JFR).
        float[] full = n > CHUNK ? new float[CHUNK * d] : null;
        for (int start = 0; start < n; start += CHUNK) {
            int rows = Math.min(CHUNK, n - start);
            float[] chunk;
            if (rows == n) {   // Dataset holds exactly n * d feature values
                chunk = features;
            } else {
                chunk = rows == CHUNK ? full : new float[rows * d];
                System.arraycopy(features, start * d, chunk, 0, rows * d);
            }
            System.arraycopy(f.apply(chunk, rows), 0, out, start * width, rows * width);
        }
        return out;
    }
}
