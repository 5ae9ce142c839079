package org.predspace.training.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.predspace.platform.NativeLibraries;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The backward pass through a network's first two stages when they are a one-channel ReLU
 * convolution and a max pooling (LeNet's first layer), in one Java loop: from the gradient of
 * the pooled maps straight to the convolution's weight and bias gradients.
 *
 * <p>Why: as libnd4j ops this took ~11 ms CPU of a ~21 ms LeNet step at batch 128 (oneDNN's
 * maxpool2d_bp 3.5 ms, relu_bp 1.8 ms, the weight gradient 5.9 ms even as a forward
 * convolution, {@link FirstLayerWeightGradient}); the loop takes ~3 ms. It is cheap because
 * pooling passes each window's gradient to one position only, and ReLU drops it where that
 * position is not positive: dW gets kH x kW multiply-adds per pooled value, not per pixel,
 * and the input needs no gradient.
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
    /** Summed in double: tens of thousands of terms per value, float sums drifted 1e-5 from oneDNN's. */
    private final double[] dw;
    private final double[] db;
    private final float[] dwOut;
    private final float[] dbOut;

    /** Whether the first two stages are what this loop computes. */
    static boolean applies(FeatureMapStage first, FeatureMapStage second) {
        return first instanceof ConvLayerParams conv && conv.nIn() == 1 && conv.relu() && second instanceof MaxPoolGeometry;
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
        this.weightGradient = buffer(conv.dw());
        this.biasGradient = buffer(conv.db());
        this.activations = new float[(int) activations.length()];
        this.pooledGradient = new float[(int) pooledGradient.length()];
        this.dw = new double[(int) conv.dw().length()];
        this.db = new double[conv.nOut()];
        this.dwOut = new float[dw.length];
        this.dbOut = new float[db.length];
    }

    /** Same mode pads as libnd4j does, the odd pixel at the end: ((out - 1) s + k - in) / 2 before. */
    private static int padBefore(boolean same, int in, int out, int k, int s, int explicit) {
        return same ? Math.max(0, ((out - 1) * s + k - in) / 2) : explicit;
    }

    /** The view's memory as a buffer positioned at its first value, limited to its length. */
    private static FloatBuffer buffer(INDArray view) {
        FloatBuffer all = view.data().asNioFloat();
        all.position((int) view.offset());
        FloatBuffer slice = all.slice();
        slice.limit((int) view.length());
        return slice;
    }

    /** Writes dW and db for the input rows {@code x} ([rows, H * W], the pass's input). */
    void run(float[] x) {
        activationsBuffer.clear();
        activationsBuffer.get(activations);
        pooledGradientBuffer.clear();
        pooledGradientBuffer.get(pooledGradient);
        Arrays.fill(dw, 0);
        Arrays.fill(db, 0);
        int channels = conv.nOut();
        int kH = conv.kH(), kW = conv.kW();
        int convMap = convH * convW;
        int image = height * width;
        for (int b = 0; b < rows; b++) {
            for (int c = 0; c < channels; c++) {
                int aBase = (b * channels + c) * convMap;
                int gBase = (b * channels + c) * poolH * poolW;
                int wBase = c * kH * kW;
                for (int pi = 0; pi < poolH; pi++) {
                    for (int pj = 0; pj < poolW; pj++) {
                        double g = pooledGradient[gBase + pi * poolW + pj];
                        if (g == 0f) continue;
                        int at = argmax(aBase, pi, pj);
                        if (at < 0 || activations[aBase + at] <= 0f) continue;   // ReLU'(z) = [relu(z) > 0]
                        db[c] += g;
                        int y0 = (at / convW) * conv.sH() - convPadTop;
                        int x0 = (at % convW) * conv.sW() - convPadLeft;
                        // the kernel rows and columns that fall inside the image (all of them without padding)
                        int iEnd = Math.min(kH, height - y0), jStart = Math.max(0, -x0), jEnd = Math.min(kW, width - x0);
                        for (int i = Math.max(0, -y0); i < iEnd; i++) {
                            int in = b * image + (y0 + i) * width + x0;
                            int w = wBase + i * kW;
                            for (int j = jStart; j < jEnd; j++) dw[w + j] += g * x[in + j];
                        }
                    }
                }
            }
        }
        for (int i = 0; i < dw.length; i++) dwOut[i] = (float) dw[i];
        for (int i = 0; i < db.length; i++) dbOut[i] = (float) db[i];
        weightGradient.clear();
        weightGradient.put(dwOut);
        biasGradient.clear();
        biasGradient.put(dbOut);
    }

    /** Position (y * convW + x) of the first maximum of pooling window (pi, pj) in the map at {@code base}, or -1 if empty. */
    private int argmax(int base, int pi, int pj) {
        int best = -1;
        float max = Float.NEGATIVE_INFINITY;
        int y0 = pi * pool.sH() - poolPadTop;
        int x0 = pj * pool.sW() - poolPadLeft;
        for (int i = Math.max(0, y0); i < Math.min(convH, y0 + pool.kH()); i++) {
            for (int j = Math.max(0, x0); j < Math.min(convW, x0 + pool.kW()); j++) {
                float v = activations[base + i * convW + j];
                if (v > max) {
                    max = v;
                    best = i * convW + j;
                }
            }
        }
        return best;
    }
}
