package org.predspace.training.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.predspace.platform.NativeLibraries;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * A {@link BatchNormParams} layer (and the ReLU folded into it) over one {@link ConvPass}'s feature
 * maps, in Java loops. Why not libnd4j's batchnorm ops (which DL4J's oneDNN helper calls):
 * batchnorm_bp took ~25 ms CPU on allcnn's 16 x 28 x 28 maps at batch 128, where these loops take a
 * few ms, forward and backward together.
 *
 * <p>The same computation as DL4J 1.0.0-M2.1 (layers.normalization.BatchNormalization with its
 * MKLDNNBatchNormHelper): in training, each channel's mean and biased variance over rows and
 * positions, y = (x - mean) / sqrt(var + eps) gamma + beta, and the full gradient through the
 * batch statistics; in inference, the running mean and variance instead. The running statistics
 * change as DL4J changes them, through their NoOp-updated "gradients": (1 - decay)(mean - batch
 * mean) for the mean, and for log10(std) half the log10 of var / (decay var + (1 - decay) batch
 * var).
 *
 * <p>How: the maps are held as planes (one row's map of one channel, contiguous in NCHW), each read
 * from native memory once and worked on while in cache (allcnn's first maps, 6.4 MB at batch 128, do
 * not fit in L2). Sums over a channel go position by position into a plane of float partial sums per
 * channel (element-wise adds, which C2 vectorises, where a running sum is a serial chain), summed in
 * double at the end; the variance from deviations from a first estimate of the mean (the channel's
 * first plane's), which keeps E[d^2] - E[d]^2 free of cancellation.
 */
final class BatchNormPass {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    private final BatchNormParams bn;
    private final BatchNormChannels channel;
    private final boolean training;
    private final int rows, channels, plane;
    private final FloatBuffer input, output;
    /** d loss / d output and d loss / d input; null in inference. */
    private final FloatBuffer gradOutput, gradInput;
    /**
     * By plane: the last forward pass's input, which the backward pass reads (in inference one plane
     * at a time), and the gradients (null in inference). Plane arrays because C2 (JDK 17) vectorises loops over the same positions of
     * several arrays, not over one array at an offset and another at a different one.
     */
    private final float[][] x, g;
    /** One plane's outputs. */
    private final float[] y;
    /** By channel, by position: partial sums over rows. */
    private final float[][] sumPlanes, productPlanes;
    /** Per channel: the first plane's mean, the first estimate the deviations are taken from. */
    private final float[] first;
    private final double[] sums, products;

    /**
     * @param in      the maps it normalises, [rows, C, H, W]
     * @param out     where it writes them normalised (and rectified when a ReLU follows)
     * @param gradOut d loss / d out, or null for an inference pass
     * @param gradIn  d loss / d in, written by the backward pass, or null for an inference pass
     */
    BatchNormPass(BatchNormParams bn, INDArray in, INDArray out, INDArray gradOut, INDArray gradIn) {
        this.bn = bn;
        this.training = gradOut != null;
        this.rows = (int) in.size(0);
        this.channels = (int) in.size(1);
        this.plane = (int) (in.size(2) * in.size(3));
        this.channel = new BatchNormChannels(bn, channels);
        this.input = in.data().asNioFloat();
        this.output = out.data().asNioFloat();
        this.gradOutput = training ? gradOut.data().asNioFloat() : null;
        this.gradInput = training ? gradIn.data().asNioFloat() : null;
        this.x = new float[training ? rows * channels : 1][plane];
        this.g = training ? new float[rows * channels][plane] : null;
        this.y = new float[plane];
        this.sumPlanes = new float[channels][plane];
        this.productPlanes = new float[channels][plane];
        this.first = new float[channels];
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
        for (int p = 0; p < rows * channels; p++) {
            int c = p % channels;
            float[] in = training ? x[p] : x[0];
            if (!training) input.get(p * plane, in, 0, plane);
            float centre = (float) channel.mean[c], s = channel.scale[c], b = channel.shift[c];
            if (bn.relu()) {
                for (int i = 0; i < plane; i++) y[i] = Math.max((in[i] - centre) * s + b, 0f);
            } else {
                for (int i = 0; i < plane; i++) y[i] = (in[i] - centre) * s + b;
            }
            output.put(p * plane, y, 0, plane);
        }
    }

    /**
     * Each channel's mean and biased variance over rows and positions, reading each plane once (into
     * {@link #x}, kept for the backward pass): the deviations d from the channel's first plane's mean
     * and their squares summed.
     */
    private void batchStatistics() {
        for (int c = 0; c < channels; c++) {
            Arrays.fill(sumPlanes[c], 0f);
            Arrays.fill(productPlanes[c], 0f);
        }
        for (int p = 0; p < rows * channels; p++) {
            int c = p % channels;
            float[] in = x[p];
            input.get(p * plane, in, 0, plane);
            if (p < channels) first[c] = (float) (planeSum(in, 0, plane) / plane);
            float k = first[c];
            float[] s = sumPlanes[c], q = productPlanes[c];
            for (int i = 0; i < plane; i++) {
                float d = in[i] - k;
                s[i] += d;
                q[i] += d * d;
            }
        }
        double n = (double) rows * plane;
        for (int c = 0; c < channels; c++) {
            channel.batchStatistics(c, first[c], planeSum(sumPlanes[c], 0, plane), planeSum(productPlanes[c], 0, plane), n);
        }
    }

    /**
     * Back-propagates d loss / d output into d loss / d input, gamma's and beta's gradients, and
     * writes the running statistics' updates. The gradient arriving is already the minibatch
     * average's (divided by the rows), as DL4J's updater makes gamma's and beta's. Two passes over
     * the planes: the masked gradient and its sums, then the input gradient.
     */
    void backward() {
        for (int c = 0; c < channels; c++) {
            Arrays.fill(sumPlanes[c], 0f);
            Arrays.fill(productPlanes[c], 0f);
        }
        for (int p = 0; p < rows * channels; p++) {
            int c = p % channels;
            float[] gp = maskedGradient(p, c), in = x[p], s = sumPlanes[c], q = productPlanes[c];
            float centre = (float) channel.mean[c];
            for (int i = 0; i < plane; i++) {
                s[i] += gp[i];
                q[i] += gp[i] * (in[i] - centre);
            }
        }
        for (int c = 0; c < channels; c++) {
            sums[c] = planeSum(sumPlanes[c], 0, plane);
            products[c] = planeSum(productPlanes[c], 0, plane);
        }
        channel.backwardCoefficients(sums, products, (double) rows * plane);
        for (int p = 0; p < rows * channels; p++) {
            int c = p % channels;
            float[] gp = g[p], in = x[p];
            float a = channel.gradScale[c], slope = channel.gradSlope[c], offset = channel.gradOffset[c];
            float centre = (float) channel.mean[c];
            for (int i = 0; i < plane; i++) gp[i] = a * gp[i] + slope * (in[i] - centre) + offset;
            gradInput.put(p * plane, gp, 0, plane);
        }
    }

    /**
     * Plane p's d loss / d output, zeroed where the ReLU after the layer was 0 (ReLU'(z) = [relu(z) > 0]),
     * into its plane of {@link #g}. The output is recomputed from the input exactly as forward() computed it,
     * and the mask is taken without branches, as a factor 0 or 1 (vectorised): it depends on the data, and
     * a branch on it was mispredicted half the time (8 ms a pass over allcnn's first maps).
     */
    private float[] maskedGradient(int p, int c) {
        float[] gp = g[p], in = x[p];
        gradOutput.get(p * plane, gp, 0, plane);
        if (!bn.relu()) return gp;
        float centre = (float) channel.mean[c], s = channel.scale[c], b = channel.shift[c];
        for (int i = 0; i < plane; i++) {
            // 1 where the output is positive (its smallest positive value times 2^254 is over 1), else 0
            gp[i] *= Math.min(Math.max((in[i] - centre) * s + b, 0f) * 0x1p127f * 0x1p127f, 1f);
        }
        return gp;
    }

    /** Sum of a[from, from + length) in four running float sums (a plane holds at most a few thousand values). */
    static double planeSum(float[] a, int from, int length) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = from, end = from + length;
        for (; i + 4 <= end; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        for (; i < end; i++) s0 += a[i];
        return (double) (s0 + s1) + (s2 + s3);
    }
}
