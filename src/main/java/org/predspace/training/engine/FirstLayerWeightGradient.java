package org.predspace.training.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.platform.NativeLibraries;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The weight and bias gradients of a network's first convolution when it reads one channel with
 * stride 1, which needs no input gradient, as a Java loop.
 *
 * <p>Why: libnd4j's oneDNN conv2d_bp on a one-channel input is slow here, ~20 ms CPU for
 * LeNet's first layer at batch 128 (6 x 5 x 5 kernels on 28 x 28 images) and ~40 ms for allcnn's
 * (16 x 3 x 3), half a PyTorch step; as a forward convolution of the input by the output
 * gradient (with a permute of the latter) it still took ~8 ms for allcnn's; this loop takes ~3.5 ms (load ~7).
 *
 * <p>The maths: dW[o, 0, i, j] = sum over rows b and positions (y, x) of
 * in[b, y + i - p, x + j - p] gOut[b, o, y, x], zero outside the image. Per row, the input is
 * shifted once per kernel position into a plane the size of the output map (one-channel im2col),
 * so that every weight's terms are one element-wise multiply-add over whole planes, which C2
 * vectorises, into float planes that hold the sums over rows; the planes are summed in double.
 * The bias gradient is gOut summed over (b, y, x).
 *
 * <p>Over NHWC gradients ([rows, oH, oW, oC], the channels-last training pass) the same shifted
 * planes, for all rows, form a matrix S [kH kW (+ a row of ones for the bias), rows oH oW], and
 * dW (and db) is one GEMM, gOut^T S^T, with gOut read as the [rows oH oW, oC] matrix it is in memory.
 */
final class FirstLayerWeightGradient {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    private final ConvLayerParams conv;
    private final int rows, height, width, outHeight, outWidth, padTop, padLeft, kernel;
    private final FloatBuffer outputGradient, weightGradient, biasGradient;
    /** One output map's gradient. */
    private final float[] g;
    /**
     * Per row: the input at every output position shifted by each kernel position (one plane each),
     * and per weight (o, i, j) its terms at every output position summed over rows so far. Planes as
     * separate arrays: C2 vectorises a loop over the same positions of arrays, not over offsets in them.
     */
    private final float[][] shifted, sums;
    private final float[] dw, db;
    private final double[] biasSums;
    /** Channels last: S (shifted planes of every row, then ones when there is a bias), gOut^T S^T and the GEMM; else null. */
    private final FloatBuffer shiftedRows, product;
    private final INDArray[] channelsLastArrays;
    private final PreparedOp gemm;
    private final float[] productValues;

    /** One input channel, stride 1, and a padding known up front (Truncate, or Same with odd kernels: (k - 1) / 2 each side). */
    static boolean applies(ConvLayerParams conv) {
        return conv.nIn() == 1 && conv.sH() == 1 && conv.sW() == 1 && (!conv.same() || (conv.kH() % 2 == 1 && conv.kW() % 2 == 1));
    }

    /**
     * @param height, width the input images' size
     * @param gradOut d loss / d the convolution's output, [rows, oC, oH, oW], or [rows, oH, oW, oC] when {@code channelsLast}
     */
    FirstLayerWeightGradient(ConvLayerParams conv, int height, int width, INDArray gradOut, boolean channelsLast) {
        this.conv = conv;
        this.rows = (int) gradOut.size(0);
        this.height = height;
        this.width = width;
        this.outHeight = (int) gradOut.size(channelsLast ? 1 : 2);
        this.outWidth = (int) gradOut.size(channelsLast ? 2 : 3);
        this.padTop = conv.same() ? (conv.kH() - 1) / 2 : conv.pH();
        this.padLeft = conv.same() ? (conv.kW() - 1) / 2 : conv.pW();
        this.kernel = conv.kH() * conv.kW();
        this.outputGradient = gradOut.data().asNioFloat();
        this.weightGradient = ConvPass.buffer(conv.dw());
        this.biasGradient = conv.hasBias() ? ConvPass.buffer(conv.db()) : null;
        int plane = outHeight * outWidth;
        this.g = new float[plane];
        this.shifted = new float[kernel][plane];
        this.sums = channelsLast ? null : new float[conv.nOut() * kernel][plane];
        this.dw = new float[conv.nOut() * kernel];
        this.db = new float[conv.nOut()];
        this.biasSums = new double[conv.nOut()];
        if (!channelsLast) {
            this.shiftedRows = null;
            this.product = null;
            this.channelsLastArrays = null;
            this.gemm = null;
            this.productValues = null;
            return;
        }
        long n = (long) rows * plane;
        int factors = kernel + (conv.hasBias() ? 1 : 0);
        INDArray gradientMatrix = gradOut.reshape('c', n, conv.nOut());
        if (!ConvPass.sameMemory(gradientMatrix, gradOut)) throw new IllegalStateException("reshaping copied the gradient");
        INDArray s = Nd4j.create(DataType.FLOAT, factors, n);
        if (conv.hasBias()) s.getRow(kernel).assign(1);
        INDArray result = Nd4j.create(DataType.FLOAT, conv.nOut(), factors);
        this.channelsLastArrays = new INDArray[] {gradientMatrix, s, result};   // keeps their native memory allocated
        this.shiftedRows = s.data().asNioFloat();
        this.product = result.data().asNioFloat();
        this.productValues = new float[conv.nOut() * factors];
        // matmul with transposed x and y: gOut^T [oC, n] times S^T [n, factors]
        this.gemm = ConvPass.custom("matmul", new INDArray[] {gradientMatrix, s}, new INDArray[] {result}, 1, 1, 0);
    }

    /** Writes dW (and db) for the input rows {@code x} ([rows, H * W], the pass's input). */
    void run(float[] x) {
        if (gemm != null) {
            runChannelsLast(x);
            return;
        }
        int plane = outHeight * outWidth, channels = conv.nOut();
        for (float[] s : sums) Arrays.fill(s, 0f);
        Arrays.fill(biasSums, 0);
        for (int b = 0; b < rows; b++) {
            shift(x, b);
            for (int o = 0; o < channels; o++) {
                outputGradient.get((b * channels + o) * plane, g, 0, plane);
                for (int k = 0; k < kernel; k++) multiplyAdd(sums[o * kernel + k], shifted[k], g);
                biasSums[o] += BatchNormPass.planeSum(g, 0, plane);
            }
        }
        for (int w = 0; w < channels * kernel; w++) dw[w] = (float) BatchNormPass.planeSum(sums[w], 0, plane);
        for (int o = 0; o < channels; o++) db[o] = (float) biasSums[o];
        write();
    }

    private void runChannelsLast(float[] x) {
        int plane = outHeight * outWidth, n = rows * plane, channels = conv.nOut(), factors = productValues.length / channels;
        for (int b = 0; b < rows; b++) {
            shift(x, b);
            for (int k = 0; k < kernel; k++) shiftedRows.put(k * n + b * plane, shifted[k], 0, plane);
        }
        gemm.run();
        product.clear();
        product.get(productValues);
        for (int o = 0; o < channels; o++) {
            System.arraycopy(productValues, o * factors, dw, o * kernel, kernel);
            if (conv.hasBias()) db[o] = productValues[o * factors + kernel];
        }
        write();
    }

    private void write() {
        weightGradient.clear();
        weightGradient.put(dw);
        if (biasGradient == null) return;
        biasGradient.clear();
        biasGradient.put(db);
    }

    /** sums[i] += a[i] * c[i]. */
    private static void multiplyAdd(float[] sums, float[] a, float[] c) {
        for (int i = 0; i < sums.length; i++) sums[i] += a[i] * c[i];
    }

    /** Row b's input at each output position (y, x) shifted by each kernel position (i, j), zero outside the image. */
    private void shift(float[] x, int b) {
        int image = b * height * width;
        for (int i = 0; i < conv.kH(); i++) {
            for (int j = 0; j < conv.kW(); j++) {
                float[] to = shifted[i * conv.kW() + j];
                // output columns whose shifted column x + j - padLeft lies in the image
                int first = Math.max(0, padLeft - j), end = Math.min(outWidth, width + padLeft - j);
                for (int y = 0; y < outHeight; y++) {
                    int row = y + i - padTop, at = y * outWidth;
                    if (row < 0 || row >= height || first >= end) {
                        Arrays.fill(to, at, at + outWidth, 0f);
                        continue;
                    }
                    Arrays.fill(to, at, at + first, 0f);
                    System.arraycopy(x, image + row * width + first + j - padLeft, to, at + first, end - first);
                    Arrays.fill(to, at + end, at + outWidth, 0f);
                }
            }
        }
    }
}
