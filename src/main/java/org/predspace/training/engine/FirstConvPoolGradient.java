package org.predspace.training.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.predspace.platform.NativeLibraries;

import java.nio.FloatBuffer;

/**
 * The backward pass through a network's first two stages when they are a one-channel ReLU
 * convolution and a max pooling (LeNet's first layer), in one Java loop: from the gradient of
 * the pooled maps straight to the convolution's weight and bias gradients.
 *
 * <p>Why: as libnd4j ops this took ~11 ms CPU of a ~21 ms LeNet step at batch 128 (oneDNN's
 * maxpool2d_bp 3.5 ms, relu_bp 1.8 ms, the weight gradient 5.9 ms even as a forward
 * convolution, {@link FirstLayerWeightGradient}); the loop takes ~2.5 ms (LeNet, batch 128). It
 * is cheap because pooling passes each window's gradient to one position only, and ReLU drops it
 * where that position is not positive: dW gets kH x kW multiply-adds per pooled value, not per
 * pixel, and the input needs no gradient. It works in two passes per channel: the windows'
 * winners, found without data-dependent branches, then the weights' sums over them.
 *
 * <p>Same result as the ops: the window's gradient goes to its first maximum in row-major
 * order (oneDNN's and libnd4j's choice on ties), padding positions never win, ReLU'(z) is
 * [relu(z) > 0], and out-of-image input positions of a padded convolution read as zero.
 */
final class FirstConvPoolGradient {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    private final ConvLayerParams conv;
    private final MaxPoolGeometry pool;
    private final int rows, height, width;
    private final int convH, convW, poolH, poolW;
    private final int convPadTop, convPadLeft, poolPadTop, poolPadLeft;
    private final FloatBuffer activationsBuffer;
    private final FloatBuffer pooledGradientBuffer;
    private final FloatBuffer weightGradient;
    private final FloatBuffer biasGradient;
    private final float[] activations;
    private final float[] pooledGradient;
    /** One channel's winners: where each winning window starts in the (padded) input, and its pooled gradient. */
    private final int[] winnerInput;
    /** Summed in double: tens of thousands of terms per value, float sums drifted 1e-5 from oneDNN's. */
    private final double[] winnerGradient;
    private final float[] dwOut;
    private final float[] dbOut;
    /** The input in double, with zero borders for a padded convolution (written once, never overwritten). */
    private final double[] padded;
    private final int paddedHeight, paddedWidth;
    /** Whether every pooling window is 2 x 2 and inside the maps, so {@link #winners2x2} finds the winners. */
    private final boolean twoByTwo;

    /** Whether the first two stages are what this loop computes. */
    static boolean applies(FeatureMapStage first, FeatureMapStage second) {
        return first instanceof ConvLayerParams conv && conv.nIn() == 1 && conv.relu() && conv.hasBias() && second instanceof MaxPoolGeometry;
    }

    /**
     * @param activations    the convolution's output after its ReLU, [rows, oC, convH, convW]
     * @param pooledGradient d loss / d pooled maps, [rows, oC, poolH, poolW]
     */
    FirstConvPoolGradient(ConvLayerParams conv, MaxPoolGeometry pool, int height, int width, INDArray activations,
                          INDArray pooledGradient) {
        this.conv = conv;
        this.pool = pool;
        this.rows = (int) activations.size(0);
        this.height = height;
        this.width = width;
        this.convH = (int) activations.size(2);
        this.convW = (int) activations.size(3);
        this.poolH = (int) pooledGradient.size(2);
        this.poolW = (int) pooledGradient.size(3);
        this.convPadTop = padBefore(conv.same(), height, convH, conv.kH(), conv.sH(), conv.pH());
        this.convPadLeft = padBefore(conv.same(), width, convW, conv.kW(), conv.sW(), conv.pW());
        this.poolPadTop = padBefore(pool.same(), convH, poolH, pool.kH(), pool.sH(), pool.pH());
        this.poolPadLeft = padBefore(pool.same(), convW, poolW, pool.kW(), pool.sW(), pool.pW());
        this.activationsBuffer = activations.data().asNioFloat();
        this.pooledGradientBuffer = pooledGradient.data().asNioFloat();
        this.weightGradient = ConvPass.buffer(conv.dw());
        this.biasGradient = ConvPass.buffer(conv.db());
        this.activations = new float[(int) activations.length()];
        this.pooledGradient = new float[(int) pooledGradient.length()];
        this.winnerInput = new int[rows * poolH * poolW];
        this.winnerGradient = new double[winnerInput.length];
        this.dwOut = new float[(int) conv.dw().length()];
        this.dbOut = new float[conv.nOut()];
        int spanH = (convH - 1) * conv.sH() + conv.kH(), spanW = (convW - 1) * conv.sW() + conv.kW();
        boolean inside = convPadTop == 0 && convPadLeft == 0 && spanH <= height && spanW <= width;
        this.paddedHeight = inside ? height : spanH;
        this.paddedWidth = inside ? width : spanW;
        this.padded = new double[rows * paddedHeight * paddedWidth];
        this.twoByTwo = pool.kH() == 2 && pool.kW() == 2 && poolPadTop == 0 && poolPadLeft == 0
                && (poolH - 1) * pool.sH() + 2 <= convH && (poolW - 1) * pool.sW() + 2 <= convW;
    }

    /** Same mode pads as libnd4j does, the odd pixel at the end: ((out - 1) s + k - in) / 2 before. */
    private static int padBefore(boolean same, int in, int out, int k, int s, int explicit) {
        return same ? Math.max(0, ((out - 1) * s + k - in) / 2) : explicit;
    }

    /** Writes dW and db for the input rows {@code x} ([rows, H * W], the pass's input). */
    void run(float[] x) {
        activationsBuffer.clear();
        activationsBuffer.get(activations);
        pooledGradientBuffer.clear();
        pooledGradientBuffer.get(pooledGradient);
        double[] input = paddedInput(x);
        int channels = conv.nOut();
        int kH = conv.kH(), kW = conv.kW();
        for (int c = 0; c < channels; c++) {
            int count = 0;
            for (int b = 0; b < rows; b++) count = twoByTwo ? winners2x2(b, c, count) : winners(b, c, count);
            accumulate(c, count, input, kH, kW);
        }
        weightGradient.clear();
        weightGradient.put(dwOut);
        biasGradient.clear();
        biasGradient.put(dbOut);
    }

    /**
     * Appends to {@link #winnerInput} / {@link #winnerGradient} the pooled gradients of map (b, c) that reach
     * the weights: each window's first maximum in row-major order, when it is positive (ReLU'(z) =
     * [relu(z) > 0]). Branch-free: the winners depend on the data, and mispredicted branches were most of
     * this loop's time. Compared as int bits, which order non-negative floats as floats do; negative values
     * (none after the ReLU but -0) count as 0 and so never win a gradient. Returns the new count.
     */
    private int winners(int b, int c, int count) {
        int aBase = (b * conv.nOut() + c) * convH * convW;
        int gBase = (b * conv.nOut() + c) * poolH * poolW;
        int inputBase = b * paddedHeight * paddedWidth;
        int rowStep = conv.sH() * paddedWidth, columnStep = conv.sW();
        for (int pi = 0; pi < poolH; pi++) {
            int y0 = pi * pool.sH() - poolPadTop;
            int iStart = Math.max(0, y0), iEnd = Math.min(convH, y0 + pool.kH());
            for (int pj = 0; pj < poolW; pj++) {
                int x0 = pj * pool.sW() - poolPadLeft;
                int jStart = Math.max(0, x0), jEnd = Math.min(convW, x0 + pool.kW());
                int best = 0, max = -1;   // -1: below every candidate, so the first one is taken
                for (int i = iStart; i < iEnd; i++) {
                    for (int j = jStart; j < jEnd; j++) {
                        int bits = nonNegativeBits(activations[aBase + i * convW + j]);
                        best ^= (best ^ (inputBase + i * rowStep + j * columnStep)) & above(bits, max);
                        max = Math.max(max, bits);
                    }
                }
                winnerInput[count] = best;
                winnerGradient[count] = pooledGradient[gBase + pi * poolW + pj];
                count += -max >>> 31;   // kept only when the maximum is positive
            }
        }
        return count;
    }

    /** {@link #winners} for 2 x 2 windows that all lie inside the maps (LeNet's pooling), unrolled. */
    private int winners2x2(int b, int c, int count) {
        int aBase = (b * conv.nOut() + c) * convH * convW;
        int gBase = (b * conv.nOut() + c) * poolH * poolW;
        int inputBase = b * paddedHeight * paddedWidth;
        int rowStep = conv.sH() * paddedWidth, columnStep = conv.sW();
        for (int pi = 0; pi < poolH; pi++) {
            int top = aBase + pi * pool.sH() * convW;
            int inputTop = inputBase + pi * pool.sH() * rowStep;
            for (int pj = 0; pj < poolW; pj++) {
                int at = top + pj * pool.sW();
                int in = inputTop + pj * pool.sW() * columnStep;
                int max = nonNegativeBits(activations[at]);
                int best = in;
                int bits = nonNegativeBits(activations[at + 1]);
                best ^= (best ^ (in + columnStep)) & above(bits, max);
                max = Math.max(max, bits);
                bits = nonNegativeBits(activations[at + convW]);
                best ^= (best ^ (in + rowStep)) & above(bits, max);
                max = Math.max(max, bits);
                bits = nonNegativeBits(activations[at + convW + 1]);
                best ^= (best ^ (in + rowStep + columnStep)) & above(bits, max);
                max = Math.max(max, bits);
                winnerInput[count] = best;
                winnerGradient[count] = pooledGradient[gBase + pi * poolW + pj];
                count += -max >>> 31;   // kept only when the maximum is positive
            }
        }
        return count;
    }

    /** A float's bits as an int, which orders non-negative floats as the floats; negative values (-0 after a ReLU) read as 0. */
    private static int nonNegativeBits(float v) {
        int bits = Float.floatToRawIntBits(v);
        return bits & ~(bits >> 31);
    }

    /** All ones when {@code bits > max}, else 0 (no overflow: both lie in [-1, 2^31)). */
    private static int above(int bits, int max) {
        return -((max - bits) >>> 31);
    }

    /**
     * dW[c] and db[c] from channel c's {@code count} winners, summed in double: one pass over the
     * winners per weight, in four running sums (one sum per weight updated per winner was bound by
     * its load-add-store chain: 3 ms of a 13 ms LeNet step).
     */
    private void accumulate(int c, int count, double[] input, int kH, int kW) {
        int wBase = c * kH * kW;
        for (int i = 0; i < kH; i++) {
            for (int j = 0; j < kW; j++) dwOut[wBase + i * kW + j] = (float) winnerSum(count, input, i * paddedWidth + j);
        }
        dbOut[c] = (float) winnerSum(count, null, 0);
    }

    /** Sum over the winners of gradient x input[winner + offset], or of the gradients alone when {@code input} is null. */
    private double winnerSum(int count, double[] input, int offset) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int e = 0;
        if (input == null) {
            for (; e + 4 <= count; e += 4) {
                s0 += winnerGradient[e];
                s1 += winnerGradient[e + 1];
                s2 += winnerGradient[e + 2];
                s3 += winnerGradient[e + 3];
            }
            for (; e < count; e++) s0 += winnerGradient[e];
        } else {
            for (; e + 4 <= count; e += 4) {
                s0 += winnerGradient[e] * input[winnerInput[e] + offset];
                s1 += winnerGradient[e + 1] * input[winnerInput[e + 1] + offset];
                s2 += winnerGradient[e + 2] * input[winnerInput[e + 2] + offset];
                s3 += winnerGradient[e + 3] * input[winnerInput[e + 3] + offset];
            }
            for (; e < count; e++) s0 += winnerGradient[e] * input[winnerInput[e] + offset];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * The input rows in double, laid out so that every kernel position of every convolution output is
     * inside them: as they are for an unpadded convolution, else with zero borders (the padded positions
     * of libnd4j's convolution read as zero).
     */
    private double[] paddedInput(float[] x) {
        int image = height * width;
        int paddedImage = paddedHeight * paddedWidth;
        int length = Math.min(width, paddedWidth - convPadLeft);
        for (int b = 0; b < rows; b++) {
            for (int y = 0; y < height && y + convPadTop < paddedHeight; y++) {
                int from = b * image + y * width;
                int to = b * paddedImage + (y + convPadTop) * paddedWidth + convPadLeft;
                for (int j = 0; j < length; j++) padded[to + j] = x[from + j];
            }
        }
        return padded;
    }
}
