package org.predspace.training;

import org.predspace.training.engine.TrainableNetwork;

/**
 * One optimisation step of a network on the next minibatch. Shared by the training loop
 * and the throughput benchmark, so the benchmark measures exactly what training does.
 */
public final class OptimisationStep {
    private final TrainableNetwork net;
    private final MinibatchSource batches;
    private final int batch;
    private final float[] x;
    private final float[] y;

    public OptimisationStep(TrainableNetwork net, MinibatchSource batches, int inputs, int classes) {
        this.net = net;
        this.batches = batches;
        this.batch = batches.batchSize();
        this.x = new float[batch * inputs];
        this.y = new float[batch * classes];
    }

    /** Trains on the next minibatch and returns its loss (NaN or infinite when training diverged). */
    public double run() {
        batches.next(x, y);
        return net.fitBatch(x, y, batch);
    }

    public int batchSize() { return batch; }
}
