package org.predspace.training.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.platform.NativeLibraries;

import java.util.List;

/**
 * The weight and bias gradients of a network's first convolution, which needs no input
 * gradient, computed as one forward convolution instead of conv2d_bp.
 *
 * <p>Why: libnd4j's oneDNN conv2d_bp on a one-channel input is slow here, ~20 ms CPU for
 * LeNet's first layer at batch 128 (6 x 5 x 5 kernels on 28 x 28 images), half a PyTorch
 * step; the forward convolution below takes ~3.5 ms and a permute ~0.5 ms.
 *
 * <p>The maths: dW[o, 0, i, j] = sum over rows b and positions (y, x) of
 * in[b, 0, y + i - p, x + j - p] gradOut[b, o, y, x], which is a valid convolution of the
 * input seen as one image with the rows as channels ([1, B, H, W]) by the output gradient
 * seen as oC kernels over those channels ([oC, B, oH, oW]), padded as the layer pads; its
 * [1, oC, kH, kW] output is dW's memory. The bias gradient is gradOut summed over (b, y, x).
 */
final class FirstLayerWeightGradient {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    private FirstLayerWeightGradient() {}

    /** One input channel, stride 1, and a padding known up front (Truncate, or Same with odd kernels: (k - 1) / 2 each side). */
    static boolean applies(ConvLayerParams conv) {
        return conv.nIn() == 1 && conv.sH() == 1 && conv.sW() == 1 && (!conv.same() || (conv.kH() % 2 == 1 && conv.kW() % 2 == 1));
    }

    static List<PreparedOp> ops(ConvLayerParams conv, INDArray in, INDArray gradOut) {
        long rows = in.size(0);
        long oH = gradOut.size(2), oW = gradOut.size(3);
        int pH = conv.same() ? (conv.kH() - 1) / 2 : conv.pH();
        int pW = conv.same() ? (conv.kW() - 1) / 2 : conv.pW();
        INDArray image = in.reshape('c', 1, rows, in.size(2), in.size(3));
        INDArray kernels = Nd4j.create(DataType.FLOAT, new long[] {conv.nOut(), rows, oH, oW}, 'c');
        INDArray dw = conv.dw().reshape('c', 1, conv.nOut(), conv.kH(), conv.kW());
        if (!ConvPass.sameMemory(image, in) || !ConvPass.sameMemory(dw, conv.dw())) throw new IllegalStateException("reshape copied");
        PreparedOp permute = ConvPass.custom("permute", new INDArray[] {gradOut}, new INDArray[] {kernels}, 1, 0, 2, 3);
        PreparedOp weights = ConvPass.custom("conv2d", new INDArray[] {image, kernels}, new INDArray[] {dw},
                (int) oH, (int) oW, 1, 1, pH, pW, 1, 1, 0, 0, 1);
        if (!conv.hasBias()) return List.of(permute, weights);
        return List.of(permute, weights, ConvPass.custom("reduce_sum", new INDArray[] {gradOut}, new INDArray[] {conv.db()}, 0, 2, 3));
    }
}
