package org.predspace.training;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One optimisation step of a network on the next minibatch. Shared by the training loop
 * and the throughput benchmark, so the benchmark measures exactly what training does.
 */
public final class OptimisationStep {
    private final ComputationGraph net;
    private final MinibatchSource batches;
    private final int batch;
    private final int inputs;
    private final int classes;
    private final float[] x;
    private final float[] y;

    public OptimisationStep(ComputationGraph net, MinibatchSource batches, int inputs, int classes) {
        this.net = net;
        this.batches = batches;
        this.batch = batches.batchSize();
        this.inputs = inputs;
        this.classes = classes;
        this.x = new float[batch * inputs];
        this.y = new float[batch * classes];
    }

    /** Trains on the next minibatch and returns its loss (NaN or infinite when training diverged). */
    public double run() {
        batches.next(x, y);
        INDArray features = Nd4j.create(x, new long[] {batch, inputs}, DataType.FLOAT);
        INDArray targets = Nd4j.create(y, new long[] {batch, classes}, DataType.FLOAT);
        net.fit(new INDArray[] {features}, new INDArray[] {targets});
        return net.score();
    }

    public int batchSize() { return batch; }
}
