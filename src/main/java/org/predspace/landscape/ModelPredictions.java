package org.predspace.landscape;

import org.predspace.runs.ProbeScore;
import org.predspace.spectra.CheckpointModel;
import org.predspace.spectra.Samples;
import org.predspace.platform.JobMonitor;

import java.util.ArrayList;
import java.util.List;

/**
 * The predictions of every model of a {@link ModelGrid} on one probe: what places a line or a
 * plane in prediction space (the canyon, docs/science.md §8), and each model's loss and accuracy
 * on that same probe, so the colour of a placed model is the loss of exactly those predictions.
 *
 * <p>Softmax rows are kept in float, as a run records its checkpoints' predictions: a picture
 * stores every point's sqrt(p) in float32 anyway. Models are numbered row by row
 * ({@code row * columns + column}).
 */
public record ModelPredictions(int rows, int columns, float[][] probabilities, double[] loss, double[] accuracy) {

    /**
     * Scores every model on {@code samples} with {@code model}'s network (its parameters are
     * changed: own it on one thread), on one thread. Progress per model; a cancel stops at the
     * next model with a CancellationException.
     */
    public static ModelPredictions of(CheckpointModel model, ModelGrid grid, Samples samples, JobMonitor monitor) {
        return of(model, grid, samples, monitor, 1);
    }

    /**
     * As above, on {@code workers} threads with one copy of the network each, through the same
     * scorers as a plane's grid (the fast paths for plain dense and LeNet-like networks): each
     * model's rows do not depend on {@code workers}.
     */
    public static ModelPredictions of(CheckpointModel model, ModelGrid grid, Samples samples, JobMonitor monitor, int workers) {
        if (model.parameterCount() != grid.origin().length) {
            throw new IllegalArgumentException("the models have " + grid.origin().length + " parameters but the network "
                    + model.parameterCount());
        }
        int total = grid.rows() * grid.columns();
        int classes = model.classCount();
        float[][] probabilities = new float[total][];
        double[] loss = new double[total];
        double[] accuracy = new double[total];
        List<int[]> cells = new ArrayList<>(total);
        for (int i = 0; i < grid.rows(); i++) for (int j = 0; j < grid.columns(); j++) cells.add(new int[] {i, j});
        GridWorkers pool = new GridWorkers(GridWorkers.copies(model, workers, total), copy -> {
            ModelScorer scorer = ModelScorer.of(copy, grid, samples);
            return (i, j) -> {
                double[] rows = scorer.probabilities(i, j);
                ProbeScore score = ProbeScore.of(rows, samples.labels(), classes);
                int k = i * grid.columns() + j;   // each model written by one worker only
                loss[k] = score.loss();
                accuracy[k] = score.accuracy();
                float[] p = new float[rows.length];
                for (int v = 0; v < p.length; v++) p[v] = (float) rows[v];
                probabilities[k] = p;
            };
        }, monitor, total, "scored on the probe");
        try {
            pool.run(cells);
        } finally {
            pool.shutdown();
        }
        return new ModelPredictions(grid.rows(), grid.columns(), probabilities, loss, accuracy);
    }

    public int size() { return probabilities.length; }
}
