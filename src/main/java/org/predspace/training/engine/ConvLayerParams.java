package org.predspace.training.engine;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.predspace.platform.NativeLibraries;

import java.util.List;

/**
 * One convolution layer's geometry, parameters and gradients, the parameters as views into the
 * network's flat arrays laid out as DL4J's ConvolutionParamInitializer lays them out: the bias
 * (nOut) first, then W (nOut x nIn x kH x kW, row-major), which is also the [oC, iC, kH, kW]
 * weights format libnd4j's conv2d reads, so the op uses the views directly. A convolution
 * without bias (before batch norm) has W only, and null {@code b} and {@code db}.
 *
 * @param same   DL4J's ConvolutionMode.Same (libnd4j computes the padding); otherwise the
 *               explicit padding pH, pW (ConvolutionMode.Truncate)
 * @param relu   whether the layer's activation is ReLU (otherwise identity)
 */
record ConvLayerParams(int nIn, int nOut, int kH, int kW, int sH, int sW, int pH, int pW, boolean same, boolean relu,
                       int offset, INDArray w, INDArray b, INDArray dw, INDArray db, List<ParamRegion> regions)
        implements FeatureMapStage {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them

    /** Views for {@code conf}'s parameters starting at {@code offset} in the flat arrays. */
    static ConvLayerParams at(ConvolutionLayer conf, boolean relu, INDArray params, INDArray gradients, int offset) {
        int nIn = (int) conf.getNIn();
        int nOut = (int) conf.getNOut();
        int[] k = conf.getKernelSize();
        int[] s = conf.getStride();
        int[] p = conf.getPadding();
        boolean same = conf.getConvolutionMode() == ConvolutionMode.Same;
        int wLen = nOut * nIn * k[0] * k[1];
        boolean bias = conf.hasBias();
        int wOffset = bias ? offset + nOut : offset;
        ParamRegion weights = new ParamRegion(wOffset, wLen, conf.getRegularization());
        return new ConvLayerParams(nIn, nOut, k[0], k[1], s[0], s[1], same ? 0 : p[0], same ? 0 : p[1], same, relu, offset,
                view(params, wOffset, wLen).reshape('c', nOut, nIn, k[0], k[1]), bias ? view(params, offset, nOut).reshape(nOut) : null,
                view(gradients, wOffset, wLen).reshape('c', nOut, nIn, k[0], k[1]), bias ? view(gradients, offset, nOut).reshape(nOut) : null,
                bias ? List.of(new ParamRegion(offset, nOut, conf.getRegularizationBias()), weights) : List.of(weights));
    }

    boolean hasBias() { return b != null; }

    int size() { return (hasBias() ? nOut : 0) + nOut * nIn * kH * kW; }

    /** libnd4j's conv2d integer arguments: NCHW input, [oC, iC, kH, kW] weights, no dilation. */
    int[] convArgs() {
        return convArgs(false);
    }

    /**
     * libnd4j's conv2d (and conv2d_bp) integer arguments for NHWC maps when {@code channelsLast}, else
     * NCHW; the weights stay DL4J's [oC, iC, kH, kW] either way (weight format 1), no dilation.
     */
    int[] convArgs(boolean channelsLast) {
        return new int[] {kH, kW, sH, sW, pH, pW, 1, 1, same ? 1 : 0, channelsLast ? 1 : 0, 1};
    }

    @Override
    public int channels(int channelsIn) { return nOut; }

    /** Output height (or width) for an input of {@code size}, as DL4J's Same and Truncate modes compute it. */
    @Override
    public int outputSize(int size, boolean height) {
        return height ? FeatureMapStage.outputSize(size, kH, sH, pH, same) : FeatureMapStage.outputSize(size, kW, sW, pW, same);
    }

    static INDArray view(INDArray flat, int offset, int length) {
        INDArray v = flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(offset, offset + length));
        if (!v.isView()) throw new IllegalStateException("not a view of the flat array");
        return v;
    }
}
