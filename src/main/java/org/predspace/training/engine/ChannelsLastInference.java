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
 * {@link ConvPass}'s forward pass, which keeps DL4J's NCHW layout for training.
 *
 * <p>Why: oneDNN runs these small convolutions 2-3x faster on NHWC maps than on NCHW ones (it
 * reorders NCHW into its blocked layouts and back around every op), and a checkpoint puts 3,000
 * rows through them (bench/README.md, convolutional networks). libnd4j's conv2d reads DL4J's
 * [oC, iC, kH, kW] weights in either data format, so the op uses the parameter views directly and
 * sees each checkpoint's parameters without a copy.
 *
 * <p>What changes with the layout: the input rows (NCHW, as DL4J reads them) are transposed to
 * NHWC unless they have one channel (then both are the same bytes); batch norm with the running
 * statistics (DL4J's affine, as in {@link BatchNormPass}) and global average pooling are Java loops
 * over channel vectors; the last maps are transposed back to DL4J's flattening order (C, H, W,
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
    private final INDArray flat;

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
                forward.add(new RunningBatchNorm(bn, in, out)::run);
            } else {
                forward.add(new GlobalAveragePass(in, out, null, null, true)::forward);
            }
        }
        this.flat = Nd4j.create(DataType.FLOAT, new long[] {rows, (long) c * h * w}, 'c');
        this.flatBuffer = flat.data().asNioFloat();
        forward.add(new ChannelsFirst(maps[n], flatBuffer)::run);
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
     * Batch norm with the running statistics over NHWC maps, and the ReLU after it when there is one:
     * y = (x - mean) gamma / sqrt(var + eps) + beta per channel, in the float operations of
     * {@link BatchNormPass}'s inference. The per-channel coefficients are tiled over a row's positions
     * so that the loop runs over the same index of every array, which C2 (JDK 17) vectorises.
     */
    private static final class RunningBatchNorm {
        private final BatchNormChannels coefficients;
        private final boolean relu;
        private final FloatBuffer input, output;
        private final int rows, positions, channels;
        private final float[] x, y, centre, scale, shift, values;

        RunningBatchNorm(BatchNormParams bn, INDArray in, INDArray out) {
            this.rows = (int) in.size(0);
            this.positions = (int) (in.size(1) * in.size(2));
            this.channels = (int) in.size(3);
            this.coefficients = new BatchNormChannels(bn, channels);
            this.relu = bn.relu();
            this.input = in.data().asNioFloat();
            this.output = out.data().asNioFloat();
            int row = positions * channels;
            this.x = new float[row];
            this.y = new float[row];
            this.centre = new float[row];
            this.scale = new float[row];
            this.shift = new float[row];
            this.values = new float[channels];
        }

        void run() {
            coefficients.runningStatistics();
            coefficients.forwardCoefficients();
            for (int c = 0; c < channels; c++) values[c] = (float) coefficients.mean[c];   // the running mean, a float
            tile(values, centre);
            tile(coefficients.shift, shift);
            tile(coefficients.scale, scale);
            int row = positions * channels;
            for (int r = 0; r < rows; r++) {
                input.get(r * row, x, 0, row);
                if (relu) {
                    for (int i = 0; i < row; i++) y[i] = Math.max((x[i] - centre[i]) * scale[i] + shift[i], 0f);
                } else {
                    for (int i = 0; i < row; i++) y[i] = (x[i] - centre[i]) * scale[i] + shift[i];
                }
                output.put(r * row, y, 0, row);
            }
        }

        /** One value per channel repeated at every position of a row. */
        private void tile(float[] perChannel, float[] to) {
            for (int p = 0; p < positions; p++) System.arraycopy(perChannel, 0, to, p * channels, channels);
        }

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

    /**
     * The last NHWC maps into DL4J's flattening order, C, H, W per row (what the first dense layer's
     * weight rows follow); with one position per map (after global pooling) both orders are the same.
     */
    private static final class ChannelsFirst {
        private final FloatBuffer input, output;
        private final int rows, positions, channels;
        private final float[] x, y;

        ChannelsFirst(INDArray maps, FloatBuffer output) {
            this.rows = (int) maps.size(0);
            this.positions = (int) (maps.size(1) * maps.size(2));
            this.channels = (int) maps.size(3);
            this.input = maps.data().asNioFloat();
            this.output = output;
            this.x = new float[positions * channels];
            this.y = new float[positions * channels];
        }

        void run() {
            input.clear();
            output.clear();
            for (int r = 0; r < rows; r++) {
                input.get(x);
                for (int p = 0; p < positions; p++) {
                    for (int c = 0; c < channels; c++) y[c * positions + p] = x[p * channels + c];
                }
                output.put(y);
            }
        }
    }
}
