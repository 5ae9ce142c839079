package org.predspace.training.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.data.InputShape;
import org.predspace.platform.NativeLibraries;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ConvNetwork}'s inference pass (checkpoint predictions and features) over a fixed number
 * of rows with its feature maps channels-last, [rows, H, W, C]: the same computation as
 * {@link ConvPass}'s forward pass, which trains in DL4J's NCHW layout or, for allcnn, NHWC too.
 *
 * <p>Why: oneDNN runs these small convolutions 2-3x faster on NHWC maps than on NCHW ones (it
 * reorders NCHW into its blocked layouts and back around every op), and a checkpoint puts 3,000
 * rows through them (bench/README.md, convolutional networks). libnd4j's conv2d reads DL4J's
 * [oC, iC, kH, kW] weights in either data format, so the op uses the parameter views directly and
 * sees each checkpoint's parameters without a copy.
 *
 * <p>What changes with the layout: the input rows (NCHW, as DL4J reads them) are transposed to
 * NHWC unless they have one channel (then both are the same bytes); batch norm with the running
 * statistics is folded into the convolution before it ({@link FoldedBatchNorm}) or, after pooling,
 * {@link ChannelsLastBatchNorm}'s inference; global average pooling is {@link GlobalAveragePass}'s;
 * the last maps are transposed back to DL4J's flattening order (C, H, W,
 * CnnToFeedForwardPreProcessor) before the dense layers, which is also the order of the features.
 */
final class ChannelsLastInference {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    final int rows;
    private final int inputChannels, inputPositions;
    private final FloatBuffer inputBuffer;
    /** A row of the input transposed to NHWC, or null when the input has one channel. */
    private final float[] inputRow;
    private final List<Runnable> forward = new ArrayList<>();
    private final DenseActivations dense;
    private final boolean hiddenDense;
    /** The last maps flattened as DL4J flattens them (C, H, W): the dense layers' input. */
    private final FloatBuffer flatBuffer;
    /** Every stage's maps, held so that their native memory stays allocated while the Java stages write into it. */
    private final INDArray[] maps;
    /** The last maps in C, H, W order (held as the maps are). */
    private final INDArray ordered;

    ChannelsLastInference(int rows, InputShape shape, List<FeatureMapStage> stages, List<DenseLayerParams> denseLayers) {
        this.rows = rows;
        this.inputChannels = shape.channels();
        this.inputPositions = shape.height() * shape.width();
        int n = stages.size();
        this.maps = new INDArray[n + 1];
        maps[0] = Nd4j.create(DataType.FLOAT, new long[] {rows, shape.height(), shape.width(), shape.channels()}, 'c');
        this.inputBuffer = maps[0].data().asNioFloat();
        this.inputRow = inputChannels > 1 ? new float[shape.size()] : null;
        int c = shape.channels(), h = shape.height(), w = shape.width();
        for (int i = 0; i < n; i++) {
            FeatureMapStage stage = stages.get(i);
            c = stage.channels(c);
            h = stage.outputSize(h, true);
            w = stage.outputSize(w, false);
            maps[i + 1] = Nd4j.create(DataType.FLOAT, new long[] {rows, h, w, c}, 'c');
            INDArray in = maps[i], out = maps[i + 1];
            if (stage instanceof ConvLayerParams conv && !conv.relu() && i + 1 < n && stages.get(i + 1) instanceof BatchNormParams bn) {
                FoldedBatchNorm folded = new FoldedBatchNorm(conv, bn);
                forward.add(folded::refresh);
                forward.add(ConvPass.custom("conv2d", new INDArray[] {in, folded.w, folded.b}, new INDArray[] {out},
                        conv.convArgs(true))::run);
                if (bn.relu()) forward.add(PreparedOp.of(new RectifiedLinear(out, out))::run);
                maps[i + 2] = out;   // the batch norm stage's output: the same maps
                i++;
            } else if (stage instanceof ConvLayerParams conv) {
                forward.add(ConvPass.custom("conv2d", ConvPass.withBias(conv, in, conv.w(), conv.b()), new INDArray[] {out},
                        conv.convArgs(true))::run);
                if (conv.relu()) forward.add(PreparedOp.of(new RectifiedLinear(out, out))::run);
            } else if (stage instanceof MaxPoolGeometry pool) {
                forward.add(ConvPass.custom("maxpool2d", new INDArray[] {in}, new INDArray[] {out}, pool.poolArgs(true))::run);
            } else if (stage instanceof BatchNormParams bn) {
                if (i == 0) throw new IllegalArgumentException("a network starting with batch norm has no convolution below it");
                forward.add(new ChannelsLastBatchNorm(bn, in, out, null, null)::forward);
            } else {
                forward.add(new GlobalAveragePass(in, out, null, null, true)::forward);
            }
        }
        // with one position per map (after global pooling) or one channel both orders are the same
        boolean permute = h * w > 1 && c > 1;
        this.ordered = permute ? Nd4j.create(DataType.FLOAT, new long[] {rows, c, h, w}, 'c') : maps[n];
        if (permute) forward.add(ConvPass.toChannelsFirst(maps[n], ordered));
        INDArray flat = ordered.reshape('c', rows, (long) c * h * w);
        if (!ConvPass.sameMemory(flat, ordered)) throw new IllegalStateException("flattening copied the feature maps");
        this.flatBuffer = ordered.data().asNioFloat();
        this.hiddenDense = denseLayers.size() > 1;
        this.dense = new DenseActivations(flat, denseLayers, null);
    }

    /** Runs the pass on {@code x} ([rows, C*H*W], NCHW rows as DL4J reads them) and returns the softmax rows (a reused array). */
    float[] forward(float[] x) {
        inputBuffer.clear();
        if (inputRow == null) {
            inputBuffer.put(x, 0, inputPositions * rows);
        } else {
            for (int r = 0; r < rows; r++) {
                int from = r * inputRow.length;
                for (int p = 0; p < inputPositions; p++) {
                    for (int ch = 0; ch < inputChannels; ch++) inputRow[p * inputChannels + ch] = x[from + ch * inputPositions + p];
                }
                inputBuffer.put(inputRow);
            }
        }
        for (Runnable step : forward) step.run();
        return dense.forwardFilled();
    }

    /** A copy of the penultimate features of the last forward pass, in DL4J's order: what the output layer read. */
    float[] features() {
        return hiddenDense ? dense.lastFeatures() : read(flatBuffer, new float[flatBuffer.capacity()]);
    }

    /**
     * A convolution without activation followed by batch norm, folded into one convolution for
     * inference, where the running statistics make batch norm affine: (W x + b - mean) s + beta with
     * s = gamma / sqrt(var + eps) is the convolution with weights W s and bias (b - mean) s + beta, per
     * output channel. It saves a pass over the maps (allcnn's first maps are 12.5 MB per 250 rows,
     * read and written again from memory). The folded weights are recomputed from the parameter views
     * at every pass, since training moves them between checkpoints (about 20,000 values for allcnn).
     */
    private static final class FoldedBatchNorm {
        private final ConvLayerParams conv;
        private final BatchNormChannels coefficients;
        final INDArray w, b;
        private final FloatBuffer weights, bias, foldedWeights, foldedBias;
        private final float[] kernel, shift, values;

        FoldedBatchNorm(ConvLayerParams conv, BatchNormParams bn) {
            this.conv = conv;
            this.coefficients = new BatchNormChannels(bn, conv.nOut());
            this.w = Nd4j.create(DataType.FLOAT, conv.w().shape(), 'c');
            this.b = Nd4j.create(DataType.FLOAT, conv.nOut());
            this.weights = ConvPass.buffer(conv.w());
            this.bias = conv.hasBias() ? ConvPass.buffer(conv.b()) : null;
            this.foldedWeights = w.data().asNioFloat();
            this.foldedBias = b.data().asNioFloat();
            this.kernel = new float[(int) conv.w().length()];
            this.shift = new float[conv.nOut()];
            this.values = new float[conv.nOut()];
        }

        void refresh() {
            // DL4J's inference coefficients: scale = gamma / sqrt(running variance + eps), shift = beta
            coefficients.runningStatistics();
            coefficients.forwardCoefficients();
            float[] scale = coefficients.scale;
            read(weights, kernel);
            int perChannel = kernel.length / conv.nOut();
            for (int o = 0; o < conv.nOut(); o++) {
                for (int k = o * perChannel; k < (o + 1) * perChannel; k++) kernel[k] *= scale[o];
            }
            for (int o = 0; o < conv.nOut(); o++) values[o] = (float) coefficients.mean[o];   // the running mean, a float
            if (bias != null) {
                float[] own = read(bias, new float[conv.nOut()]);
                for (int o = 0; o < conv.nOut(); o++) values[o] -= own[o];
            }
            for (int o = 0; o < conv.nOut(); o++) shift[o] = (float) (coefficients.shift[o] - (double) values[o] * scale[o]);
            foldedWeights.clear();
            foldedWeights.put(kernel);
            foldedBias.clear();
            foldedBias.put(shift);
        }
    }

    private static float[] read(FloatBuffer from, float[] to) {
        from.clear();
        from.get(to);
        return to;
    }
}
