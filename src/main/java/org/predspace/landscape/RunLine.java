package org.predspace.landscape;

import org.predspace.platform.JobMonitor;
import org.predspace.spectra.CheckpointModel;
import org.predspace.spectra.RunCheckpoint;
import org.predspace.spectra.Samples;
import org.predspace.training.engine.NativeBackend;

/**
 * The line between two saved checkpoints: initialisation to a checkpoint, checkpoint to
 * checkpoint, or the ends of two runs of the same network. Scored on the first checkpoint's run
 * probes (the train probe and the held-out test probe, as metrics.csv records them), so its
 * ends can be read against the recorded metrics (without batch norm: with it, the line
 * recomputes the statistics that training kept as running averages, LinePath).
 */
public final class RunLine {
    private RunLine() {}

    public static LinePath between(RunCheckpoint from, RunCheckpoint to, double[] alphas) {
        return between(from, to, alphas, JobMonitor.silent());
    }

    /** As above, with progress and cancellation per point of the line (LinePath). */
    public static LinePath between(RunCheckpoint from, RunCheckpoint to, double[] alphas, JobMonitor monitor) {
        return between(from, to, alphas, Integer.MAX_VALUE, monitor);
    }

    /**
     * As above, on a class-balanced subset of {@code samples} of the train probe
     * (RunCheckpoint.samples), one network copy per core (LinePath).
     */
    public static LinePath between(RunCheckpoint from, RunCheckpoint to, double[] alphas, int samples, JobMonitor monitor) {
        return between(from, to, alphas, samples, monitor, NativeBackend.cores());
    }

    /** As above, on {@code workers} network copies at once. */
    public static LinePath between(RunCheckpoint from, RunCheckpoint to, double[] alphas, int samples, JobMonitor monitor,
                                   int workers) {
        if (from.spec().architecture() != to.spec().architecture() || from.parameterCount() != to.parameterCount()) {
            throw new IllegalArgumentException("a line needs two checkpoints of the same network: run " + from.run().name()
                    + " is " + from.spec().architecture().id() + " with " + from.parameterCount() + " parameters, run "
                    + to.run().name() + " is " + to.spec().architecture().id() + " with " + to.parameterCount());
        }
        if (!from.spec().dataset().equals(to.spec().dataset())) {
            throw new IllegalArgumentException("a line needs two checkpoints on the same data: run " + from.run().name()
                    + " trained on " + from.spec().dataset() + ", run " + to.run().name() + " on " + to.spec().dataset());
        }
        // the run's own weights; a batch-norm network's statistics are recomputed at every point anyway
        CheckpointModel model = from.forwardModel();
        double[] theta0 = from.parameters();
        double[] theta1 = to.parameters();
        Samples train = from.samples(samples);
        return LinePath.between(model, theta0, theta1, alphas, train, from.testSamples(), monitor, workers);
    }
}
