package org.predspace.training.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.data.InputShape;
import org.predspace.platform.NativeLibraries;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The arrays of a {@link ConvNetwork} pass over a fixed number of rows and the steps of its
 * forward (and, for training, backward) pass prepared on them: the feature maps of every stage
 * (NCHW, ReLU applied in place), then the dense layers ({@link DenseActivations}) reading the
 * last maps flattened as DL4J's CnnToFeedForwardPreProcessor flattens them (row-major C, H, W).
 * Convolutions and max pooling are libnd4j's conv2d / maxpool2d ops, which run on oneDNN; batch
 * norm ({@link BatchNormPass}) and global average pooling ({@link GlobalAveragePass}) are Java loops.
 *
 * <p>A training pass of a network with batch norm on one-channel images can hold its maps channels
 * last (NHWC, {@link #channelsLast} says when it does by default): oneDNN's NHWC convolutions ran allcnn's five forward
 * convolutions in 4.8 ms against NCHW's 11.1 (conv2d_bp 21.6 against 22.9) at batch 128, and
 * batch norm ({@link ChannelsLastBatchNorm}) costs the same either way. The input is the same in
 * both layouts (one channel); the last maps are permuted to C, H, W order for the dense layers
 * (and their gradient back) unless they are 1 x 1, as after global average pooling.
 */
final class ConvPass {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    final int rows;
    private final FloatBuffer inputBuffer;
    private final boolean channelsLast;
    /** The last feature maps, flattened: the output layer's input when no hidden dense layer follows them. */
    private final FloatBuffer lastMaps;
    private final boolean hiddenDense;
    private final int inputSize;
    private final List<Runnable> forward = new ArrayList<>();
    private final List<Runnable> backward = new ArrayList<>();
    final DenseActivations dense;
    /** The first convolution and pooling's backward pass as one loop, or null when they are not that pair. */
    private final FirstConvPoolGradient firstStages;
    /**
     * Every stage's maps and gradients, held so that their native memory stays allocated: the Java
     * stages hold only NIO buffers into it, which do not keep ND4J from freeing an array nothing refers to.
     */
    private final INDArray[] maps, gradients;
    /** The last maps and their gradient in C, H, W order when the pass permutes them (held as maps and gradients are). */
    private final List<INDArray> permuted = new ArrayList<>();
    /** The rows of the last forward pass, which the first stages' weight gradient reads. */
    private float[] lastInput;

    ConvPass(int rows, InputShape shape, List<FeatureMapStage> stages, List<DenseLayerParams> denseLayers, boolean training) {
        this(rows, shape, stages, denseLayers, training, false);
    }

    /**
     * Whether a training pass of these stages holds its maps channels last by default: networks
     * with batch norm and no max pooling (allcnn) on one-channel images, whose step it took from 61.4
     * to 53.6 ms CPU at batch 128 (bench/README.md). LeNet with batch norm can train either way (tests
     * compare them), but measured no gain (15.8 against 15.9 ms), so it stays NCHW by default; LeNet
     * without batch norm stays NCHW, where {@link FirstConvPoolGradient} computes its first two stages'
     * gradient in one loop.
     */
    static boolean channelsLast(InputShape shape, List<FeatureMapStage> stages) {
        return shape.channels() == 1 && stages.stream().anyMatch(BatchNormParams.class::isInstance)
                && stages.stream().noneMatch(MaxPoolGeometry.class::isInstance);
    }

    /** @param channelsLast NHWC maps (training only, one-channel images with batch norm), else NCHW */
    ConvPass(int rows, InputShape shape, List<FeatureMapStage> stages, List<DenseLayerParams> denseLayers, boolean training,
             boolean channelsLast) {
        if (channelsLast && (!training || shape.channels() != 1 || stages.stream().noneMatch(BatchNormParams.class::isInstance))) {
            throw new IllegalArgumentException("channels-last passes are for training batch-norm networks on one-channel images");
        }
        this.rows = rows;
        this.channelsLast = channelsLast;
        // one channel when channels last: the same memory as NCHW
        INDArray input = Nd4j.create(DataType.FLOAT, channelsLast ? new long[] {rows, shape.height(), shape.width(), 1}
                : new long[] {rows, shape.channels(), shape.height(), shape.width()}, 'c');
        this.inputBuffer = input.data().asNioFloat();
        this.inputSize = shape.size();
        int n = stages.size();
        this.maps = new INDArray[n + 1];
        maps[0] = input;
        int c = shape.channels(), h = shape.height(), w = shape.width();
        for (int i = 0; i < n; i++) {
            FeatureMapStage stage = stages.get(i);
            c = stage.channels(c);
            h = stage.outputSize(h, true);
            w = stage.outputSize(w, false);
            maps[i + 1] = Nd4j.create(DataType.FLOAT, channelsLast ? new long[] {rows, h, w, c} : new long[] {rows, c, h, w}, 'c');
        }
        this.gradients = new INDArray[n + 1];
        // the backward steps of the stages computed in Java, by stage index, built with their forward steps
        Map<Integer, Runnable> javaBackward = new HashMap<>();
        if (training) {
            for (int i = 1; i <= n; i++) gradients[i] = Nd4j.create(DataType.FLOAT, maps[i].shape(), 'c');
        }
        for (int i = 0; i < n; i++) {
            FeatureMapStage stage = stages.get(i);
            INDArray in = maps[i], out = maps[i + 1];
            if (stage instanceof BatchNormParams bn) {
                if (i == 0) throw new IllegalArgumentException("a network starting with batch norm has no convolution below it");
                if (channelsLast) {
                    ChannelsLastBatchNorm pass = new ChannelsLastBatchNorm(bn, in, out, gradients[i + 1], gradients[i]);
                    forward.add(pass::forward);
                    javaBackward.put(i, pass::backward);
                } else {
                    BatchNormPass pass = new BatchNormPass(bn, in, out, gradients[i + 1], gradients[i]);
                    forward.add(pass::forward);
                    if (training) javaBackward.put(i, pass::backward);
                }
            } else if (stage instanceof GlobalAveragePool) {
                GlobalAveragePass pass = new GlobalAveragePass(in, out, gradients[i + 1], gradients[i], channelsLast);
                forward.add(pass::forward);
                if (training) javaBackward.put(i, pass::backward);
            } else {
                forward.add(forwardOp(stage, in, out, channelsLast)::run);
                if (stage instanceof ConvLayerParams conv && conv.relu()) {
                    forward.add(PreparedOp.of(new RectifiedLinear(out, out))::run);
                }
            }
        }
        // channels last, maps larger than 1 x 1 are permuted to the C, H, W order DL4J flattens them in
        boolean permute = channelsLast && h * w > 1 && c > 1;
        INDArray ordered = permute ? Nd4j.create(DataType.FLOAT, new long[] {rows, c, h, w}, 'c') : maps[n];
        if (permute) {
            forward.add(toChannelsFirst(maps[n], ordered));
            permuted.add(ordered);
        }
        INDArray flat = ordered.reshape('c', rows, (long) c * h * w);
        if (!sameMemory(flat, ordered)) throw new IllegalStateException("flattening copied the feature maps");
        this.lastMaps = ordered.data().asNioFloat();
        this.hiddenDense = denseLayers.size() > 1;
        if (!training) {
            this.dense = new DenseActivations(flat, denseLayers, null);
            this.firstStages = null;
            return;
        }
        INDArray orderedGradient = permute ? Nd4j.create(DataType.FLOAT, new long[] {rows, c, h, w}, 'c') : gradients[n];
        if (permute) {
            backward.add(toChannelsLast(orderedGradient, gradients[n]));
            permuted.add(orderedGradient);
        }
        INDArray flatGradient = orderedGradient.reshape('c', rows, (long) c * h * w);
        if (!sameMemory(flatGradient, orderedGradient)) throw new IllegalStateException("flattening copied the gradient");
        this.dense = new DenseActivations(flat, denseLayers, flatGradient);
        boolean fused = !channelsLast && n > 1 && FirstConvPoolGradient.applies(stages.get(0), stages.get(1));
        this.firstStages = fused ? new FirstConvPoolGradient((ConvLayerParams) stages.get(0), (MaxPoolGeometry) stages.get(1),
                shape.height(), shape.width(), maps[1], gradients[2]) : null;
        for (int i = n - 1; i >= (fused ? 2 : 0); i--) {
            FeatureMapStage stage = stages.get(i);
            INDArray in = maps[i], out = maps[i + 1], gradOut = gradients[i + 1];
            if (stage instanceof ConvLayerParams conv) {
                // ReLU'(z) = [relu(z) > 0]: the stored output serves as the mask
                if (conv.relu()) backward.add(PreparedOp.of(new RectifiedLinearDerivative(out, gradOut, gradOut, 0.0))::run);
                if (i == 0 && FirstLayerWeightGradient.applies(conv)) {
                    FirstLayerWeightGradient first = new FirstLayerWeightGradient(conv, shape.height(), shape.width(), gradOut, channelsLast);
                    backward.add(() -> first.run(lastInput));
                } else {
                    // the first layer's input gradient is not needed, but conv2d_bp always writes one
                    INDArray gradIn = i == 0 ? Nd4j.create(DataType.FLOAT, in.shape(), 'c') : gradients[i];
                    backward.add(custom("conv2d_bp", withBias(conv, in, conv.w(), conv.b(), gradOut),
                            withBias(conv, gradIn, conv.dw(), conv.db()), conv.convArgs(channelsLast))::run);
                }
            } else if (stage instanceof MaxPoolGeometry pool) {
                if (i == 0) throw new IllegalArgumentException("a network starting with pooling has no parameters below it");
                backward.add(custom("maxpool2d_bp", new INDArray[] {in, gradOut}, new INDArray[] {gradients[i]},
                        pool.poolArgs(channelsLast))::run);
            } else {
                backward.add(javaBackward.get(i));
            }
        }
    }

    private static PreparedOp forwardOp(FeatureMapStage stage, INDArray in, INDArray out, boolean channelsLast) {
        if (stage instanceof ConvLayerParams conv) {
            return custom("conv2d", withBias(conv, in, conv.w(), conv.b()), new INDArray[] {out}, conv.convArgs(channelsLast));
        }
        MaxPoolGeometry pool = (MaxPoolGeometry) stage;
        return custom("maxpool2d", new INDArray[] {in}, new INDArray[] {out}, pool.poolArgs(channelsLast));
    }

    /** A step copying NHWC maps [rows, H, W, C] into NCHW ones [rows, C, H, W] (the last maps, a few hundred values a row). */
    static Runnable toChannelsFirst(INDArray nhwc, INDArray nchw) {
        return permutation(nhwc, nchw, true);
    }

    /** A step copying NCHW maps [rows, C, H, W] into NHWC ones [rows, H, W, C]. */
    private static Runnable toChannelsLast(INDArray nchw, INDArray nhwc) {
        return permutation(nchw, nhwc, false);
    }

    private static Runnable permutation(INDArray from, INDArray to, boolean toChannelsFirst) {
        INDArray channelsFirst = toChannelsFirst ? to : from;
        int rows = (int) channelsFirst.size(0), channels = (int) channelsFirst.size(1);
        int plane = (int) (channelsFirst.size(2) * channelsFirst.size(3)), size = channels * plane;
        FloatBuffer source = from.data().asNioFloat(), target = to.data().asNioFloat();
        float[] in = new float[rows * size], out = new float[rows * size];
        return () -> {
            source.clear();
            source.get(in);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < channels; c++) {
                    for (int p = 0; p < plane; p++) {
                        int first = r * size + c * plane + p, last = r * size + p * channels + c;
                        if (toChannelsFirst) {
                            out[first] = in[last];
                        } else {
                            out[last] = in[first];
                        }
                    }
                }
            }
            target.clear();
            target.put(out);
        };
    }

    /**
     * A convolution op's arrays: the first two, the bias (or its gradient) when the layer has one, then
     * {@code after}: libnd4j's conv2d and conv2d_bp take the bias as an optional third input (and third output).
     */
    static INDArray[] withBias(ConvLayerParams conv, INDArray first, INDArray second, INDArray bias, INDArray... after) {
        List<INDArray> arrays = new ArrayList<>(List.of(first, second));
        if (conv.hasBias()) arrays.add(bias);
        arrays.addAll(List.of(after));
        return arrays.toArray(INDArray[]::new);
    }

    /** The view's memory as a buffer positioned at its first value, limited to its length. */
    static FloatBuffer buffer(INDArray view) {
        FloatBuffer all = view.data().asNioFloat();
        all.position((int) view.offset());
        FloatBuffer slice = all.slice();
        slice.limit((int) view.length());
        return slice;
    }

    /** Whether a reshaped array still reads and writes the memory of the original, as the ops bound to it assume. */
    static boolean sameMemory(INDArray a, INDArray b) {
        return a.data().address() == b.data().address() && a.offset() == b.offset() && a.length() == b.length();
    }

    static PreparedOp custom(String name, INDArray[] inputs, INDArray[] outputs, int... iArgs) {
        return PreparedOp.of(DynamicCustomOp.builder(name).addInputs(inputs).addOutputs(outputs).addIntegerArguments(iArgs).build());
    }

    /** Runs the forward pass on {@code x} ([rows, C*H*W]) and returns the softmax rows (a reused array). */
    float[] forward(float[] x) {
        inputBuffer.clear();
        inputBuffer.put(x, 0, inputSize * rows);
        lastInput = x;
        for (Runnable step : forward) step.run();
        return dense.forwardFilled();
    }

    /** A copy of the penultimate features of the last forward pass: what the output layer read. */
    float[] features() {
        if (hiddenDense) return dense.lastFeatures();
        float[] out = new float[lastMaps.capacity()];
        lastMaps.clear();
        lastMaps.get(out);
        return out;
    }

    /** Back-propagates the dense layers' delta (filled by the caller) into the parameter gradients. */
    void backward() {
        dense.backward();
        for (Runnable step : backward) step.run();
        if (firstStages != null) firstStages.run(lastInput);
    }
}
