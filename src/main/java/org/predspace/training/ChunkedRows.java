package org.predspace.training;

import org.predspace.data.Dataset;
import org.predspace.training.engine.TrainableNetwork;

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
        return of(samples, new int[] {width}, (x, rows) -> new float[][] {f.apply(x, rows)})[0];
    }

    /** {@link TrainableNetwork#predictWithFeatures} of every sample: both arrays from one pass per chunk. */
    static TrainableNetwork.Outputs predictWithFeatures(TrainableNetwork net, Dataset samples) {
        float[][] both = of(samples, new int[] {samples.classes(), net.featureSize()}, (x, rows) -> {
            TrainableNetwork.Outputs o = net.predictWithFeatures(x, rows);
            return new float[][] {o.probabilities(), o.features()};
        });
        return new TrainableNetwork.Outputs(both[0], both[1]);
    }

    /** Several row-wise outputs of the same chunk: output k has {@code widths[k]} values per row. */
    @FunctionalInterface
    interface RowFunctions {
        float[][] apply(float[] x, int rows);
    }

    private static float[][] of(Dataset samples, int[] widths, RowFunctions f) {
        int n = samples.size();
        int d = samples.shape().size();
        float[][] out = new float[widths.length][];
        for (int k = 0; k < widths.length; k++) out[k] = new float[n * widths[k]];
        float[] inputs = samples.featuresView();
        // The networks read their input and keep no reference to it, so a probe set that fits
        // one chunk goes in as it is and the full chunks share one buffer: the copies were the
        // largest garbage of a training (a probe's features at every checkpoint; JFR).
        float[] full = n > CHUNK ? new float[CHUNK * d] : null;
        for (int start = 0; start < n; start += CHUNK) {
            int rows = Math.min(CHUNK, n - start);
            float[] chunk;
            if (rows == n) {   // Dataset holds exactly n * d feature values
                chunk = inputs;
            } else {
                chunk = rows == CHUNK ? full : new float[rows * d];
                System.arraycopy(inputs, start * d, chunk, 0, rows * d);
            }
            float[][] values = f.apply(chunk, rows);
            for (int k = 0; k < widths.length; k++) {
                System.arraycopy(values[k], 0, out[k], start * widths[k], rows * widths[k]);
            }
        }
        return out;
    }
}
