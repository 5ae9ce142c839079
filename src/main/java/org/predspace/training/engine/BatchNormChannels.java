package org.predspace.training.engine;

import org.predspace.platform.NativeLibraries;

import java.nio.FloatBuffer;

/**
 * The per-channel arithmetic of a {@link BatchNormParams} layer, shared by its passes over NCHW
 * maps ({@link BatchNormPass}) and NHWC maps ({@link ChannelsLastBatchNorm}), which differ only in
 * how they sum over rows and positions: the batch (or running) statistics, the forward pass's
 * y = (x - mean) scale + shift, the backward pass's dx = a g + slope (x - mean) + offset and
 * gamma's and beta's gradients, and DL4J's updates of the running statistics (see BatchNormPass).
 */
final class BatchNormChannels {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    /** 1 / (2 ln 10): d log10(std) = log(var ratio) / (2 ln 10), DL4J's ONE_ON_2LOGE_10. */
    private static final double HALF_LOG10_OF_E = 1.0 / (2 * Math.log(10.0));
    final BatchNormParams bn;
    final int channels;
    private final FloatBuffer gamma, beta, runningMean, runningSpread, dGamma, dBeta, dMean, dSpread;
    private final float[] gammaValues, betaValues, spreadValues, channelValues, gradGamma, gradBeta;
    /** Per channel: the forward pass's y = (x - mean) scale + shift, and the backward pass's dx = a g + slope (x - mean) + offset. */
    final float[] scale, shift, gradScale, gradSlope, gradOffset;
    final double[] mean, variance, invStd;

    BatchNormChannels(BatchNormParams bn, int channels) {
        this.bn = bn;
        this.channels = channels;
        this.gamma = ConvPass.buffer(bn.gamma());
        this.beta = ConvPass.buffer(bn.beta());
        this.runningMean = ConvPass.buffer(bn.mean());
        this.runningSpread = ConvPass.buffer(bn.spread());
        this.dGamma = ConvPass.buffer(bn.dGamma());
        this.dBeta = ConvPass.buffer(bn.dBeta());
        this.dMean = ConvPass.buffer(bn.dMean());
        this.dSpread = ConvPass.buffer(bn.dSpread());
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
    }

    /**
     * Channel c's batch statistics from the sums over its n values of their deviations d from a
     * first estimate of the mean and of their squares: mean = first + E[d], var = E[d^2] - E[d]^2.
     */
    void batchStatistics(int c, double first, double deviations, double squares, double n) {
        double meanDeviation = deviations / n;
        mean[c] = first + meanDeviation;
        variance[c] = Math.max(0, squares / n - meanDeviation * meanDeviation);
        invStd[c] = 1 / Math.sqrt(variance[c] + bn.eps());
    }

    void runningStatistics() {
        read(runningMean, channelValues);
        read(runningSpread, spreadValues);
        for (int c = 0; c < channels; c++) {
            mean[c] = channelValues[c];
            invStd[c] = 1 / Math.sqrt(runningVariance(spreadValues[c]) + bn.eps());
        }
    }

    /** Reads gamma and beta and sets {@link #scale} and {@link #shift} from them and the statistics set before. */
    void forwardCoefficients() {
        read(gamma, gammaValues);
        read(beta, betaValues);
        for (int c = 0; c < channels; c++) {
            scale[c] = (float) (gammaValues[c] * invStd[c]);
            shift[c] = betaValues[c];
        }
    }

    /** The running variance a spread value stands for: (10^s)^2 in float, as DL4J computes it, or the variance itself. */
    private float runningVariance(float spread) {
        if (!bn.logStd()) return spread;
        float std = (float) Math.pow(10.0, spread);
        return std * std;
    }

    /**
     * From each channel's sums over its n values of the masked gradient g and of g (x - mean):
     * writes gamma's and beta's gradients and sets {@link #gradScale}, {@link #gradSlope} and
     * {@link #gradOffset}; then writes the running statistics' updates.
     */
    void backwardCoefficients(double[] sums, double[] products, double n) {
        for (int c = 0; c < channels; c++) {
            gradGamma[c] = (float) (products[c] * invStd[c]);   // sum of g xhat
            gradBeta[c] = (float) sums[c];
            // dx = gamma s (g - sum(g) / n - xhat sum(g xhat) / n) with s = 1 / std, xhat = (x - mean) s, gamma as in forward
            double s = invStd[c];
            gradScale[c] = (float) (gammaValues[c] * s);
            gradSlope[c] = (float) (-gammaValues[c] * s * s * s * products[c] / n);
            gradOffset[c] = (float) (-gammaValues[c] * s * sums[c] / n);
        }
        write(dGamma, gradGamma);
        write(dBeta, gradBeta);
        runningStatisticsUpdates();
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
}
