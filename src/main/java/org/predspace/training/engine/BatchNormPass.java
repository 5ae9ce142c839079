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
    /** 1 / (2 ln 10): d log10(std) = log(var ratio) / (2 ln 10), DL4J's ONE_ON_2LOGE_10. */
    private static final double HALF_LOG10_OF_E = 1.0 / (2 * Math.log(10.0));
    private final BatchNormParams bn;
    private final boolean training;
    private final int rows, channels, plane;
    private final FloatBuffer input, output;
    /** d loss / d output and d loss / d input; null in inference. */
    private final FloatBuffer gradOutput, gradInput;
    private final FloatBuffer gamma, beta, runningMean, runningSpread, dGamma, dBeta, dMean, dSpread;
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
    private final float[] gammaValues, betaValues, spreadValues, channelValues, gradGamma, gradBeta;
    /** Per channel: the forward pass's y = (x - mean) scale + shift, and the backward pass's dx = a g + slope (x - mean) + offset. */
    private final float[] scale, shift, gradScale, gradSlope, gradOffset;
    private final double[] mean, variance, invStd, sums, products;

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
        this.input = in.data().asNioFloat();
        this.output = out.data().asNioFloat();
        this.gradOutput = training ? gradOut.data().asNioFloat() : null;
        this.gradInput = training ? gradIn.data().asNioFloat() : null;
        this.gamma = ConvPass.buffer(bn.gamma());
        this.beta = ConvPass.buffer(bn.beta());
        this.runningMean = ConvPass.buffer(bn.mean());
        this.runningSpread = ConvPass.buffer(bn.spread());
        this.dGamma = ConvPass.buffer(bn.dGamma());
        this.dBeta = ConvPass.buffer(bn.dBeta());
        this.dMean = ConvPass.buffer(bn.dMean());
        this.dSpread = ConvPass.buffer(bn.dSpread());
        this.x = new float[training ? rows * channels : 1][plane];
        this.g = training ? new float[rows * channels][plane] : null;
        this.y = new float[plane];
        this.sumPlanes = new float[channels][plane];
        this.productPlanes = new float[channels][plane];
        this.scale = new float[channels];
        this.shift = new float[channels];
        this.gradScale = new float[channels];
        this.gradSlope = new float[channels];
        this.gradOffset = new float[channels];
        this.gammaValues = new float[channels];
        this.betaValues = new float[channels];
        this.spreadValues = new float[channels];
        this.channelValues = new float[channels];
        this.gradGamma = new float[channels];
        this.gradBeta = new float[channels];
        this.mean = new double[channels];
        this.variance = new double[channels];
        this.invStd = new double[channels];
        this.sums = new double[channels];
        this.products = new double[channels];
    }

    /** Normalises the input maps into the output maps: with the batch's statistics in training, the running ones otherwise. */
    void forward() {
        read(gamma, gammaValues);
        read(beta, betaValues);
        if (training) {
            batchStatistics();
        } else {
            runningStatistics();
        }
        for (int c = 0; c < channels; c++) {
            scale[c] = (float) (gammaValues[c] * invStd[c]);
            shift[c] = betaValues[c];
        }
        for (int p = 0; p < rows * channels; p++) {
            int c = p % channels;
            float[] in = training ? x[p] : x[0];
            if (!training) input.get(p * plane, in, 0, plane);
            float centre = (float) mean[c], s = scale[c], b = shift[c];
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
     * and their squares summed, mean = first + E[d], var = E[d^2] - E[d]^2.
     */
    private void batchStatistics() {
        for (int c = 0; c < channels; c++) {
            Arrays.fill(sumPlanes[c], 0f);
            Arrays.fill(productPlanes[c], 0f);
        }
        float[] first = channelValues;
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
            double meanDeviation = planeSum(sumPlanes[c], 0, plane) / n;
            mean[c] = first[c] + meanDeviation;
            variance[c] = Math.max(0, planeSum(productPlanes[c], 0, plane) / n - meanDeviation * meanDeviation);
            invStd[c] = 1 / Math.sqrt(variance[c] + bn.eps());
        }
    }

    private void runningStatistics() {
        read(runningMean, channelValues);
        read(runningSpread, spreadValues);
        for (int c = 0; c < channels; c++) {
            mean[c] = channelValues[c];
            invStd[c] = 1 / Math.sqrt(runningVariance(spreadValues[c]) + bn.eps());
        }
    }

    /** The running variance a spread value stands for: (10^s)^2 in float, as DL4J computes it, or the variance itself. */
    private float runningVariance(float spread) {
        if (!bn.logStd()) return spread;
        float std = (float) Math.pow(10.0, spread);
        return std * std;
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
            float centre = (float) mean[c];
            for (int i = 0; i < plane; i++) {
                s[i] += gp[i];
                q[i] += gp[i] * (in[i] - centre);
            }
        }
        double n = (double) rows * plane;
        for (int c = 0; c < channels; c++) {
            sums[c] = planeSum(sumPlanes[c], 0, plane);
            products[c] = planeSum(productPlanes[c], 0, plane);
            gradGamma[c] = (float) (products[c] * invStd[c]);   // sum of g xhat
            gradBeta[c] = (float) sums[c];
            // dx = gamma s (g - sum(g) / n - xhat sum(g xhat) / n) with s = 1 / std, xhat = (x - mean) s, gamma as in forward()
            double s = invStd[c];
            gradScale[c] = (float) (gammaValues[c] * s);
            gradSlope[c] = (float) (-gammaValues[c] * s * s * s * products[c] / n);
            gradOffset[c] = (float) (-gammaValues[c] * s * sums[c] / n);
        }
        write(dGamma, gradGamma);
        write(dBeta, gradBeta);
        for (int p = 0; p < rows * channels; p++) {
            int c = p % channels;
            float[] gp = g[p], in = x[p];
            float a = gradScale[c], slope = gradSlope[c], offset = gradOffset[c], centre = (float) mean[c];
            for (int i = 0; i < plane; i++) gp[i] = a * gp[i] + slope * (in[i] - centre) + offset;
            gradInput.put(p * plane, gp, 0, plane);
        }
        runningStatisticsUpdates();
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
        float centre = (float) mean[c], s = scale[c], b = shift[c];
        for (int i = 0; i < plane; i++) {
            // 1 where the output is positive (its smallest positive value times 2^254 is over 1), else 0
            gp[i] *= Math.min(Math.max((in[i] - centre) * s + b, 0f) * 0x1p127f * 0x1p127f, 1f);
        }
        return gp;
    }

    /** DL4J's updates of the running statistics, in float as its ops compute them. */
    private void runningStatisticsUpdates() {
        float keep = (float) bn.decay();
        float blend = (float) (1 - bn.decay());
        read(runningMean, channelValues);
        for (int c = 0; c < channels; c++) channelValues[c] = (channelValues[c] - (float) mean[c]) * blend;
        write(dMean, channelValues);
        read(runningSpread, spreadValues);
        for (int c = 0; c < channels; c++) {
            float batchVariance = (float) variance[c];
            if (bn.logStd()) {
                float old = runningVariance(spreadValues[c]);
                float next = old * keep + batchVariance * blend;
                channelValues[c] = (float) ((float) Math.log(old / next) * HALF_LOG10_OF_E);
            } else {
                channelValues[c] = (spreadValues[c] - batchVariance) * blend;
            }
        }
        write(dSpread, channelValues);
    }

    private static void read(FloatBuffer from, float[] to) {
        from.clear();
        from.get(to);
    }

    private static void write(FloatBuffer to, float[] from) {
        to.clear();
        to.put(from);
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
