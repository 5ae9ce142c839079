package org.predspace.training;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * Preallocated per-batch arrays of a {@link DenseNetwork} for one row count: the input, each
 * layer's output (ReLU or softmax applied in place) and, for training, each hidden layer's
 * gradient. Reused every step so a step allocates nothing.
 */
final class DenseActivations {
    final int rows;
    final INDArray input;
    final INDArray[] outputs;
    /** d loss / d (output layer pre-activation), already divided by the batch size. */
    final INDArray outputDelta;
    /** d loss / d (hidden layer l output), then turned into d loss / d (pre-activation) in place. */
    final INDArray[] hiddenDeltas;
    /** A 1 x rows row of ones: column sums (bias gradients) as a GEMM. */
    final INDArray ones;
    final float[] probabilities;
    final float[] delta;
    private final FloatBuffer inputBuffer;
    private final FloatBuffer outputBuffer;
    private final FloatBuffer deltaBuffer;

    DenseActivations(int rows, List<DenseLayerParams> layers) {
        this.rows = rows;
        int last = layers.size() - 1;
        this.input = matrix(rows, layers.get(0).nIn());
        this.outputs = new INDArray[layers.size()];
        this.hiddenDeltas = new INDArray[last];
        for (int l = 0; l <= last; l++) {
            outputs[l] = matrix(rows, layers.get(l).nOut());
            if (l < last) hiddenDeltas[l] = matrix(rows, layers.get(l).nOut());
        }
        int classes = layers.get(last).nOut();
        this.outputDelta = matrix(rows, classes);
        this.ones = Nd4j.ones(DataType.FLOAT, 1, rows);
        this.probabilities = new float[rows * classes];
        this.delta = new float[rows * classes];
        this.inputBuffer = input.data().asNioFloat();
        this.outputBuffer = outputs[last].data().asNioFloat();
        this.deltaBuffer = outputDelta.data().asNioFloat();
    }

    void setInput(float[] x) { inputBuffer.clear(); inputBuffer.put(x, 0, input.columns() * rows); }

    /** Copies the softmax output into {@link #probabilities}. */
    float[] readProbabilities() { outputBuffer.clear(); outputBuffer.get(probabilities); return probabilities; }

    /** Copies {@link #delta} into {@link #outputDelta}. */
    void writeDelta() { deltaBuffer.clear(); deltaBuffer.put(delta); }

    private static INDArray matrix(int rows, int columns) {
        return Nd4j.create(DataType.FLOAT, new long[] {rows, columns}, 'c');
    }
}
