package org.predspace.training.engine;

import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BiasAdd;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.platform.NativeLibraries;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The arrays of a {@link DenseNetwork} pass over a fixed number of rows, and the ND4J ops of its
 * forward and backward pass prepared on them: the input, each layer's output (ReLU or softmax
 * applied in place) and, for training, each hidden layer's gradient. Reused every step so a
 * step allocates nothing and builds no op.
 */
final class DenseActivations {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    final int rows;
    private final INDArray input;
    private final float[] probabilities;
    /** d loss / d (output pre-activation), already divided by the batch size; filled by the caller. */
    final float[] delta;
    private final FloatBuffer inputBuffer;
    private final FloatBuffer outputBuffer;
    /** The last hidden layer's output (after its ReLU), or null for softmax regression, which has none. */
    private final FloatBuffer featureBuffer;
    private final FloatBuffer deltaBuffer;
    private final List<PreparedOp> forward = new ArrayList<>();
    private final List<PreparedOp> backward = new ArrayList<>();

    DenseActivations(int rows, List<DenseLayerParams> layers) {
        this(matrix(rows, layers.get(0).nIn()), layers, null);
    }

    /**
     * The layers reading {@code input} ([rows, nIn], row-major), an array someone else fills (a
     * {@link ConvPass}'s last feature maps); when {@code inputGradient} is not null the backward
     * pass also writes d loss / d input into it, for the layers below.
     */
    DenseActivations(INDArray input, List<DenseLayerParams> layers, INDArray inputGradient) {
        this.rows = (int) input.rows();
        int last = layers.size() - 1;
        this.input = input;
        INDArray[] outputs = new INDArray[layers.size()];
        INDArray in = input;
        for (int l = 0; l <= last; l++) {
            DenseLayerParams p = layers.get(l);
            outputs[l] = matrix(rows, p.nOut());
            // a GEMM and a bias add rather than the fused xw_plus_b: its oneDNN inner product took
            // 1.4 ms for LeNet's 128 x 256 x 120 layer where these take 0.1 ms (and the same on 784 x 128)
            forward.add(gemm(in, p.w(), outputs[l], false, false));
            forward.add(PreparedOp.of(new BiasAdd(outputs[l], p.b().reshape(p.nOut()), outputs[l], false)));
            forward.add(l < last ? PreparedOp.of(new RectifiedLinear(outputs[l], outputs[l]))
                    : PreparedOp.of(new SoftMax(outputs[l], outputs[l])));
            in = outputs[l];
        }
        INDArray outputDelta = matrix(rows, layers.get(last).nOut());
        INDArray ones = Nd4j.ones(DataType.FLOAT, 1, rows);
        INDArray d = outputDelta;
        for (int l = last; l >= 0; l--) {
            DenseLayerParams p = layers.get(l);
            INDArray layerInput = l == 0 ? input : outputs[l - 1];
            backward.add(gemm(d, layerInput, p.dwT(), true, false)); // dW^T = delta^T x
            backward.add(gemm(ones, d, p.db(), false, false));       // db = column sums of delta
            if (l == 0 && inputGradient != null) backward.add(gemm(d, p.w(), inputGradient, false, true));
            if (l > 0) {
                INDArray hidden = matrix(rows, p.nIn());
                backward.add(gemm(d, p.w(), hidden, false, true));  // d loss / d (layer input)
                // ReLU'(z) = [z > 0] = [relu(z) > 0]: the stored output serves as the mask
                backward.add(PreparedOp.of(new RectifiedLinearDerivative(outputs[l - 1], hidden, hidden, 0.0)));
                d = hidden;
            }
        }
        int classes = layers.get(last).nOut();
        this.probabilities = new float[rows * classes];
        this.delta = new float[rows * classes];
        this.inputBuffer = input.data().asNioFloat();
        this.outputBuffer = outputs[last].data().asNioFloat();
        this.featureBuffer = last > 0 ? outputs[last - 1].data().asNioFloat() : null;
        this.deltaBuffer = outputDelta.data().asNioFloat();
    }

    /** Runs the forward pass on {@code x} and returns the softmax rows (a reused array). */
    float[] forward(float[] x) {
        inputBuffer.clear();
        inputBuffer.put(x, 0, input.columns() * rows);
        return forwardFilled();
    }

    /** Runs the forward pass on the input array as it is and returns the softmax rows (a reused array). */
    float[] forwardFilled() {
        for (PreparedOp op : forward) op.run();
        outputBuffer.clear();
        outputBuffer.get(probabilities);
        return probabilities;
    }

    /**
     * Runs the forward pass on {@code x} and returns a copy of the penultimate features: the last
     * hidden layer's output after its ReLU, the input of the output layer ([rows, width]).
     */
    float[] features(float[] x) {
        forward(x);
        return lastFeatures();
    }

    /** The features of the last forward pass, copied. */
    float[] lastFeatures() {
        if (featureBuffer == null) throw new UnsupportedOperationException("softmax regression has no hidden features");
        float[] out = new float[featureBuffer.capacity()];
        featureBuffer.clear();
        featureBuffer.get(out);
        return out;
    }

    /** Back-propagates {@link #delta} into the gradient views of the layers. */
    void backward() {
        deltaBuffer.clear();
        deltaBuffer.put(delta);
        for (PreparedOp op : backward) op.run();
    }

    private static PreparedOp gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB) {
        MMulTranspose t = MMulTranspose.builder().transposeA(transposeA).transposeB(transposeB).build();
        return PreparedOp.of(new Mmul(a, b, c, 1.0, 0.0, t));
    }

    private static INDArray matrix(int rows, int columns) {
        return Nd4j.create(DataType.FLOAT, new long[] {rows, columns}, 'c');
    }
}
