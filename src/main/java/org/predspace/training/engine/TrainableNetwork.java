package org.predspace.training.engine;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.data.InputShape;
import org.predspace.training.spec.TrainingSpec;

/**
 * A network the training loop can step, evaluate and snapshot, whatever computes it.
 * Inputs are flat rows of features ([rows, inputs], row-major) and one-hot targets.
 * Not thread-safe: a network lives on the thread that trains it.
 */
public interface TrainableNetwork {
    /** One optimisation step on {@code batch} rows; returns the loss DL4J's score() reports for it. */
    double fitBatch(float[] x, float[] y, int batch);

    /** Softmax rows ([rows, classes], row-major) in inference mode. */
    float[] predict(float[] x, int rows);

    /**
     * Width of the penultimate features {@link #features} returns: the output layer's input
     * size, or 0 when the output layer reads the input itself (softmax regression), which
     * therefore has no features to imprint (docs/science.md, the space of tasks).
     */
    default int featureSize() { return 0; }

    /**
     * Penultimate features ([rows, featureSize()], row-major) in inference mode: what the
     * output layer reads, after the activation of the layer before it, flattened per row. The
     * network's own predictions are softmax(W features + b) with the output layer's W and b.
     *
     * @throws UnsupportedOperationException the network has no features ({@link #featureSize()} is 0)
     */
    default float[] features(float[] x, int rows) {
        throw new UnsupportedOperationException(implementation() + " network without hidden features");
    }

    /**
     * {@link #predict} and {@link #features} of the same rows from one forward pass: what a
     * checkpoint needs when the imprinted predictions are on the head's own probe.
     */
    default Outputs predictWithFeatures(float[] x, int rows) {
        return new Outputs(predict(x, rows), features(x, rows));
    }

    /** Softmax rows and penultimate features of the same input rows. */
    record Outputs(float[] probabilities, float[] features) {}

    /** A copy of all parameters in DL4J's ComputationGraph params() order, loadable by setParams. */
    float[] parameters();

    long numParams();

    /** Which engine computes this network, as recorded in run.json: "nd4j-dense", "nd4j-conv" or "dl4j". */
    String implementation();

    /**
     * The network NetworkFactory builds for this spec, trained by the dense fast path when the
     * architecture is a plain ReLU MLP or softmax regression, by the convolutional one for LeNet
     * (with or without batch norm) and allcnn, and by DL4J otherwise (MLPs with batch norm, the
     * residual net). All start
     * from the parameters DL4J initialised, so seeds mean the same on either path.
     */
    static TrainableNetwork create(TrainingSpec spec, InputShape shape, int classes, long totalSteps) {
        return create(spec, shape, classes, totalSteps, null);
    }

    /** As above, starting from {@code initial} parameters (DL4J's params() order) when not null. */
    static TrainableNetwork create(TrainingSpec spec, InputShape shape, int classes, long totalSteps, float[] initial) {
        ComputationGraph net = NetworkFactory.build(spec, shape, classes, totalSteps);
        if (initial != null) {
            if (initial.length != net.numParams()) {
                throw new IllegalArgumentException("the starting parameters have " + initial.length + " values but a "
                        + spec.architecture().id() + " network for this data has " + net.numParams());
            }
            net.setParams(Nd4j.create(initial).castTo(net.params().dataType()));
        }
        if (DenseNetwork.supports(spec)) return DenseNetwork.of(net);
        if (ConvNetwork.supports(spec)) return ConvNetwork.of(net, shape);
        return new GraphNetwork(net, shape.size(), classes);
    }
}
