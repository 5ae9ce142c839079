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
 */
final class ConvPass {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    final int rows;
    private final FloatBuffer inputBuffer;
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
    /** The rows of the last forward pass, which the first stages' weight gradient reads. */
    private float[] lastInput;

    ConvPass(int rows, InputShape shape, List<FeatureMapStage> stages, List<DenseLayerParams> denseLayers, boolean training) {
        this.rows = rows;
        INDArray input = Nd4j.create(DataType.FLOAT, new long[] {rows, shape.channels(), shape.height(), shape.width()}, 'c');
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
            maps[i + 1] = Nd4j.create(DataType.FLOAT, new long[] {rows, c, h, w}, 'c');
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
                BatchNormPass pass = new BatchNormPass(bn, in, out, gradients[i + 1], gradients[i]);
                forward.add(pass::forward);
                if (training) javaBackward.put(i, pass::backward);
            } else if (stage instanceof GlobalAveragePool) {
                GlobalAveragePass pass = new GlobalAveragePass(in, out, gradients[i + 1], gradients[i]);
                forward.add(pass::forward);
                if (training) javaBackward.put(i, pass::backward);
            } else {
                forward.add(forwardOp(stage, in, out)::run);
                if (stage instanceof ConvLayerParams conv && conv.relu()) {
                    forward.add(PreparedOp.of(new RectifiedLinear(out, out))::run);
                }
            }
        }
        INDArray flat = maps[n].reshape('c', rows, (long) c * h * w);
        if (!sameMemory(flat, maps[n])) throw new IllegalStateException("flattening copied the feature maps");
        this.lastMaps = maps[n].data().asNioFloat();
        this.hiddenDense = denseLayers.size() > 1;
        if (!training) {
            this.dense = new DenseActivations(flat, denseLayers, null);
            this.firstStages = null;
            return;
        }
        INDArray flatGradient = gradients[n].reshape('c', rows, (long) c * h * w);
        if (!sameMemory(flatGradient, gradients[n])) throw new IllegalStateException("flattening copied the gradient");
        this.dense = new DenseActivations(flat, denseLayers, flatGradient);
        boolean fused = n > 1 && FirstConvPoolGradient.applies(stages.get(0), stages.get(1));
        this.firstStages = fused ? new FirstConvPoolGradient((ConvLayerParams) stages.get(0), (MaxPoolGeometry) stages.get(1),
                shape.height(), shape.width(), maps[1], gradients[2]) : null;
        for (int i = n - 1; i >= (fused ? 2 : 0); i--) {
            FeatureMapStage stage = stages.get(i);
            INDArray in = maps[i], out = maps[i + 1], gradOut = gradients[i + 1];
            if (stage instanceof ConvLayerParams conv) {
                // ReLU'(z) = [relu(z) > 0]: the stored output serves as the mask
                if (conv.relu()) backward.add(PreparedOp.of(new RectifiedLinearDerivative(out, gradOut, gradOut, 0.0))::run);
                if (i == 0 && FirstLayerWeightGradient.applies(conv)) {
                    FirstLayerWeightGradient first = new FirstLayerWeightGradient(conv, shape.height(), shape.width(), gradOut);
                    backward.add(() -> first.run(lastInput));
                } else {
                    // the first layer's input gradient is not needed, but conv2d_bp always writes one
                    INDArray gradIn = i == 0 ? Nd4j.create(DataType.FLOAT, in.shape(), 'c') : gradients[i];
                    backward.add(custom("conv2d_bp", withBias(conv, in, conv.w(), conv.b(), gradOut),
                            withBias(conv, gradIn, conv.dw(), conv.db()), conv.convArgs())::run);
                }
            } else if (stage instanceof MaxPoolGeometry pool) {
                if (i == 0) throw new IllegalArgumentException("a network starting with pooling has no parameters below it");
                backward.add(custom("maxpool2d_bp", new INDArray[] {in, gradOut}, new INDArray[] {gradients[i]}, pool.poolArgs())::run);
            } else {
                backward.add(javaBackward.get(i));
            }
        }
    }

    private static PreparedOp forwardOp(FeatureMapStage stage, INDArray in, INDArray out) {
        if (stage instanceof ConvLayerParams conv) {
            return custom("conv2d", withBias(conv, in, conv.w(), conv.b()), new INDArray[] {out}, conv.convArgs());
        }
        MaxPoolGeometry pool = (MaxPoolGeometry) stage;
        return custom("maxpool2d", new INDArray[] {in}, new INDArray[] {out}, pool.poolArgs());
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
