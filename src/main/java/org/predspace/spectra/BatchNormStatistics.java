package org.predspace.spectra;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.platform.NativeLibraries;

import java.util.Map;

/**
 * Sets the running statistics of every batch-norm layer of a network to the mean and variance
 * of that layer's input over fixed samples (the train probe), as if the network had been run on
 * them in training mode (docs/science.md §8: the statistics are recomputed at every point of a
 * line or plane, not interpolated with the weights).
 *
 * <p>Layer by layer in graph order, each in inference mode with the statistics of the layers
 * before it already set: then every layer's input is what it is in the final network. A whole
 * probe at once in training mode would give the same inputs but hold every layer's activations
 * for all samples together; in chunks of {@value #CHUNK} the moments are merged instead (Chan et
 * al.'s pairwise update, stable where sum of squares minus square of sum is not).
 *
 * <p>DL4J's inference divides by sqrt(stored variance + eps), the stored variance being
 * (10^log10stdev)^2 when the layer keeps its log (the default), so the batch variance itself is
 * stored: the network then normalises exactly as batch norm does with these samples as the batch.
 */
final class BatchNormStatistics {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    private static final int CHUNK = 500;
    private final Samples samples;

    BatchNormStatistics(Samples samples) {
        this.samples = samples;
    }

    /** The network's input for rows {@code first..first+rows-1} of the samples' features. */
    interface Rows {
        INDArray of(float[] features, int first, int rows);
    }

    void recompute(ComputationGraph net, Rows rows) {
        GraphVertex[] vertices = net.getVertices();
        for (int index : net.topologicalSortOrder()) {
            GraphVertex v = vertices[index];
            if (!v.hasLayer() || !(v.getLayer() instanceof BatchNormalization bn)) continue;
            String input = vertices[v.getInputVertices()[0].getVertexIndex()].getVertexName();
            Moments m = null;
            for (int first = 0; first < samples.size(); first += CHUNK) {
                int n = Math.min(CHUNK, samples.size() - first);
                Map<String, INDArray> activations = net.feedForward(rows.of(samples.features(), first, n), index, false);
                INDArray a = activations.get(input);
                if (a.rank() == 4 && ((org.deeplearning4j.nn.conf.layers.BatchNormalization) bn.conf().getLayer()).getCnn2DFormat()
                        != CNN2DFormat.NCHW) {
                    throw new IllegalStateException("batch norm " + v.getVertexName() + " is not channels-first; its statistics cannot be recomputed");
                }
                Moments chunk = Moments.of(a);
                m = m == null ? chunk : m.merge(chunk);
            }
            store(bn, m);
        }
    }

    private static void store(Layer bn, Moments m) {
        bn.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).assign(reshaped(m.mean, bn, BatchNormalizationParamInitializer.GLOBAL_MEAN));
        Map<String, INDArray> table = bn.paramTable();
        if (table.containsKey(BatchNormalizationParamInitializer.GLOBAL_LOG_STD)) {
            double[] log = new double[m.variance.length];
            for (int c = 0; c < log.length; c++) log[c] = 0.5 * Math.log10(m.variance[c]);   // -inf for a constant unit: 10^-inf = 0
            bn.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).assign(reshaped(log, bn, BatchNormalizationParamInitializer.GLOBAL_LOG_STD));
        } else {
            bn.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).assign(reshaped(m.variance, bn, BatchNormalizationParamInitializer.GLOBAL_VAR));
        }
    }

    private static INDArray reshaped(double[] values, Layer bn, String key) {
        INDArray target = bn.getParam(key);
        if (target.length() != values.length) {
            throw new IllegalStateException("batch-norm " + key + " has " + target.length() + " entries for " + values.length + " channels");
        }
        return Nd4j.create(values, target.shape(), target.dataType());
    }

    /** Per-channel count, mean and sum of squared deviations of a [N, C] or [N, C, H, W] (NCHW) activation. */
    private record Moments(long count, double[] mean, double[] squares, double[] variance) {
        static Moments of(INDArray a) {
            int channels = (int) a.size(1);
            double[] mean = new double[channels];
            double[] squares = new double[channels];
            long perChannel;
            if (a.rank() == 2) {
                double[][] x = a.toDoubleMatrix();
                perChannel = x.length;
                for (double[] row : x) for (int c = 0; c < channels; c++) mean[c] += row[c];
                for (int c = 0; c < channels; c++) mean[c] /= perChannel;
                for (double[] row : x) for (int c = 0; c < channels; c++) squares[c] += (row[c] - mean[c]) * (row[c] - mean[c]);
            } else if (a.rank() == 4) {
                INDArray c4 = a.dup('c');
                double[] x = c4.data().asDouble();
                long n = a.size(0);
                int plane = (int) (a.size(2) * a.size(3));
                perChannel = n * plane;
                for (long i = 0; i < n; i++) {
                    for (int c = 0; c < channels; c++) {
                        int base = (int) ((i * channels + c) * plane);
                        for (int k = 0; k < plane; k++) mean[c] += x[base + k];
                    }
                }
                for (int c = 0; c < channels; c++) mean[c] /= perChannel;
                for (long i = 0; i < n; i++) {
                    for (int c = 0; c < channels; c++) {
                        int base = (int) ((i * channels + c) * plane);
                        for (int k = 0; k < plane; k++) squares[c] += (x[base + k] - mean[c]) * (x[base + k] - mean[c]);
                    }
                }
            } else {
                throw new IllegalStateException("batch norm on an input of rank " + a.rank() + "; expected 2 (dense) or 4 (convolution)");
            }
            return new Moments(perChannel, mean, squares, variance(squares, perChannel));
        }

        Moments merge(Moments o) {
            long n = count + o.count;
            double[] mu = new double[mean.length];
            double[] sq = new double[mean.length];
            for (int c = 0; c < mu.length; c++) {
                double delta = o.mean[c] - mean[c];
                mu[c] = mean[c] + delta * o.count / n;
                sq[c] = squares[c] + o.squares[c] + delta * delta * ((double) count * o.count / n);
            }
            return new Moments(n, mu, sq, variance(sq, n));
        }

        private static double[] variance(double[] squares, long n) {
            double[] v = new double[squares.length];
            for (int c = 0; c < v.length; c++) v[c] = squares[c] / n;
            return v;
        }
    }
}
