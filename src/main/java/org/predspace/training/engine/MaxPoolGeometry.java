package org.predspace.training.engine;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.predspace.platform.NativeLibraries;

/** A max-pooling layer's window, stride and padding, read from DL4J's SubsamplingLayer configuration. */
record MaxPoolGeometry(int kH, int kW, int sH, int sW, int pH, int pW, boolean same) implements FeatureMapStage {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them

    static MaxPoolGeometry of(SubsamplingLayer conf) {
        int[] k = conf.getKernelSize();
        int[] s = conf.getStride();
        int[] p = conf.getPadding();
        boolean same = conf.getConvolutionMode() == ConvolutionMode.Same;
        return new MaxPoolGeometry(k[0], k[1], s[0], s[1], same ? 0 : p[0], same ? 0 : p[1], same);
    }

    /** libnd4j's maxpool2d integer arguments: no dilation, NCHW. */
    int[] poolArgs() {
        return poolArgs(false);
    }

    /** libnd4j's maxpool2d (and maxpool2d_bp) integer arguments: no dilation, NHWC maps when {@code channelsLast}, else NCHW. */
    int[] poolArgs(boolean channelsLast) {
        return new int[] {kH, kW, sH, sW, pH, pW, 1, 1, same ? 1 : 0, 0, channelsLast ? 1 : 0};
    }

    @Override
    public int channels(int channelsIn) { return channelsIn; }

    @Override
    public int outputSize(int size, boolean height) {
        return height ? FeatureMapStage.outputSize(size, kH, sH, pH, same) : FeatureMapStage.outputSize(size, kW, sW, pW, same);
    }
}
