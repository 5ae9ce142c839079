package org.predspace.training.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.predspace.platform.NativeLibraries;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * A {@link BatchNormParams} layer (and the ReLU folded into it) over NHWC feature maps: the same
 * computation as {@link BatchNormPass} (in training the batch statistics, the full gradient through
 * them and DL4J's running-statistics updates, in inference the running statistics; all in
 * {@link BatchNormChannels}), laid out for channels last.
 *
 * <p>How: the maps are held as one array per sample (H x W x C values, the channel varying
 * fastest), each read from native memory once, in one bulk copy: a training process runs the JDK's
 * code with C1 only (platform.TrainingJit), where each FloatBuffer bulk copy costs ~0.3 us, and one
 * copy per image row took allcnn's step ~3.5 ms longer than under C2. Per-channel constants are
 * spread over a sample as tiles (value [p C + c] = channel c's), so that every loop is element-wise
 * over arrays of one sample's length at the same positions, which C2 (JDK 17) vectorises; it does
 * not vectorise loops over one array at an offset and another at a different one, nor a channel
 * index i % C. Sums over a channel go into one sample's length of float partial sums (each summing
 * over the batch's rows, as BatchNormPass's planes do), reduced by channel in double at the end.
 */
final class ChannelsLastBatchNorm {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    private final BatchNormParams bn;
    private final BatchNormChannels channel;
    private final boolean training;
    private final int rows, channels, line;
    private final FloatBuffer input, output, gradOutput, gradInput;
    /** By sample: the last forward pass's input (in inference one sample at a time), and the gradients (null in inference). */
    private final float[][] x, g;
    /** One sample's outputs. */
    private final float[] y;
    /** By value of a sample: partial sums over the batch. */
    private final float[] sumLine, productLine;
    /** Per-channel values spread over a sample: the first estimate of the mean, then the coefficients. */
    private final float[] firstTile, centreTile, scaleTile, shiftTile, gradScaleTile, gradSlopeTile, gradOffsetTile;
    private final double[] first, sums, products;

    /**
     * @param in      the maps it normalises, [rows, H, W, C]
     * @param out     where it writes them normalised (and rectified when a ReLU follows)
     * @param gradOut d loss / d out, or null for an inference pass
     * @param gradIn  d loss / d in, written by the backward pass, or null for an inference pass
     */
    ChannelsLastBatchNorm(BatchNormParams bn, INDArray in, INDArray out, INDArray gradOut, INDArray gradIn) {
        this.bn = bn;
        this.rows = (int) in.size(0);
        this.channels = (int) in.size(3);
        this.line = (int) (in.size(1) * in.size(2) * channels);
        this.channel = new BatchNormChannels(bn, channels);
        this.input = in.data().asNioFloat();
        this.output = out.data().asNioFloat();
        this.training = gradOut != null;
        this.gradOutput = training ? gradOut.data().asNioFloat() : null;
        this.gradInput = training ? gradIn.data().asNioFloat() : null;
        this.x = new float[training ? rows : 1][line];
        this.g = training ? new float[rows][line] : null;
        this.y = new float[line];
        this.sumLine = new float[line];
        this.productLine = new float[line];
        this.firstTile = new float[line];
        this.centreTile = new float[line];
        this.scaleTile = new float[line];
        this.shiftTile = new float[line];
        this.gradScaleTile = new float[line];
        this.gradSlopeTile = new float[line];
        this.gradOffsetTile = new float[line];
        this.first = new double[channels];
        this.sums = new double[channels];
        this.products = new double[channels];
    }

    /** Normalises the input maps into the output maps: with the batch's statistics in training, the running ones otherwise. */
    void forward() {
        if (training) {
            batchStatistics();
        } else {
            channel.runningStatistics();
        }
        channel.forwardCoefficients();
        tile(channel.mean, centreTile);
        tile(channel.scale, scaleTile);
        tile(channel.shift, shiftTile);
        float[] c = centreTile, s = scaleTile, b = shiftTile;
        for (int l = 0; l < rows; l++) {
            float[] in = training ? x[l] : x[0];
            if (!training) input.get(l * line, in, 0, line);
            if (bn.relu()) {
                for (int i = 0; i < line; i++) y[i] = Math.max((in[i] - c[i]) * s[i] + b[i], 0f);
            } else {
                for (int i = 0; i < line; i++) y[i] = (in[i] - c[i]) * s[i] + b[i];
            }
            output.put(l * line, y, 0, line);
        }
    }

    /**
     * Each channel's mean and biased variance over rows and positions, reading each sample once (into
     * {@link #x}, kept for the backward pass): deviations from the channel's mean in the first sample
     * (BatchNormPass's first plane) and their squares summed.
     */
    private void batchStatistics() {
        Arrays.fill(sumLine, 0f);
        Arrays.fill(productLine, 0f);
        Arrays.fill(first, 0);
        input.get(0, x[0], 0, line);
        for (int i = 0; i < line; i++) first[i % channels] += x[0][i];
        double plane = (double) line / channels;
        for (int c = 0; c < channels; c++) first[c] = (float) (first[c] / plane);
        tile(first, firstTile);
        float[] k = firstTile, s = sumLine, q = productLine;
        for (int l = 0; l < rows; l++) {
            float[] in = x[l];
            if (l > 0) input.get(l * line, in, 0, line);
            for (int i = 0; i < line; i++) {
                float d = in[i] - k[i];
                s[i] += d;
                q[i] += d * d;
            }
        }
        reduce(sumLine, sums);
        reduce(productLine, products);
        for (int c = 0; c < channels; c++) channel.batchStatistics(c, first[c], sums[c], products[c], rows * plane);
    }

    /**
     * Back-propagates d loss / d output into d loss / d input, gamma's and beta's gradients, and
     * writes the running statistics' updates (as BatchNormPass.backward). Two passes over the samples:
     * the masked gradient and its sums, then the input gradient.
     */
    void backward() {
        Arrays.fill(sumLine, 0f);
        Arrays.fill(productLine, 0f);
        float[] c = centreTile, s = sumLine, q = productLine;
        for (int l = 0; l < rows; l++) {
            float[] gl = maskedGradient(l), in = x[l];
            for (int i = 0; i < line; i++) {
                s[i] += gl[i];
                q[i] += gl[i] * (in[i] - c[i]);
            }
        }
        reduce(sumLine, sums);
        reduce(productLine, products);
        channel.backwardCoefficients(sums, products, (double) rows * line / channels);
        tile(channel.gradScale, gradScaleTile);
        tile(channel.gradSlope, gradSlopeTile);
        tile(channel.gradOffset, gradOffsetTile);
        float[] a = gradScaleTile, slope = gradSlopeTile, offset = gradOffsetTile;
        for (int l = 0; l < rows; l++) {
            float[] gl = g[l], in = x[l];
            for (int i = 0; i < line; i++) gl[i] = a[i] * gl[i] + slope[i] * (in[i] - c[i]) + offset[i];
            gradInput.put(l * line, gl, 0, line);
        }
    }

    /** Sample l's d loss / d output, zeroed where the ReLU after the layer was 0, as BatchNormPass.maskedGradient. */
    private float[] maskedGradient(int l) {
        float[] gl = g[l], in = x[l];
        gradOutput.get(l * line, gl, 0, line);
        if (!bn.relu()) return gl;
        float[] c = centreTile, s = scaleTile, b = shiftTile;
        for (int i = 0; i < line; i++) {
            // 1 where the output is positive (its smallest positive value times 2^254 is over 1), else 0
            gl[i] *= Math.min(Math.max((in[i] - c[i]) * s[i] + b[i], 0f) * 0x1p127f * 0x1p127f, 1f);
        }
        return gl;
    }

    /** Per channel, the sum in double of its partial sums. */
    private void reduce(float[] partial, double[] to) {
        Arrays.fill(to, 0);
        for (int i = 0; i < line; i++) to[i % channels] += partial[i];
    }

    private void tile(double[] perChannel, float[] tile) {
        for (int i = 0; i < line; i++) tile[i] = (float) perChannel[i % channels];
    }

    private void tile(float[] perChannel, float[] tile) {
        for (int i = 0; i < line; i++) tile[i] = perChannel[i % channels];
    }
}
