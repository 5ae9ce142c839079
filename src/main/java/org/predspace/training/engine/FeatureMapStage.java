package org.predspace.training.engine;

/** A layer of a {@link ConvNetwork} that maps feature maps [rows, C, H, W] to feature maps. */
sealed interface FeatureMapStage permits ConvLayerParams, MaxPoolGeometry, BatchNormParams, GlobalAveragePool {
    /** Channels out. */
    int channels(int channelsIn);

    /** Output height (or width) for an input of {@code size}. */
    int outputSize(int size, boolean height);

    /** DL4J's output size: ceil(size / stride) in Same mode, (size - kernel + 2 padding) / stride + 1 in Truncate. */
    static int outputSize(int size, int kernel, int stride, int padding, boolean same) {
        return same ? (size + stride - 1) / stride : (size - kernel + 2 * padding) / stride + 1;
    }
}
