package org.predspace.landscape;

import org.predspace.runs.ProbeScore;
import org.predspace.spectra.CheckpointModel;
import org.predspace.spectra.Samples;
import org.predspace.spectra.TaskMonitor;

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
     * changed: own it on one thread), in the same chunks of rows as {@link LinePath}. Progress per
     * model; a cancel stops at the next model with a CancellationException.
     */
    public static ModelPredictions of(CheckpointModel model, ModelGrid grid, Samples samples, TaskMonitor monitor) {
        if (model.parameterCount() != grid.origin().length) {
            throw new IllegalArgumentException("the models have " + grid.origin().length + " parameters but the network "
                    + model.parameterCount());
        }
        int total = grid.rows() * grid.columns();
        int classes = model.classCount();
        float[][] probabilities = new float[total][];
        double[] loss = new double[total];
        double[] accuracy = new double[total];
        double[] rowsOut = new double[samples.size() * classes];
        for (int i = 0; i < grid.rows(); i++) {
            for (int j = 0; j < grid.columns(); j++) {
                int k = i * grid.columns() + j;
                model.setParameters(grid.parameters(i, j));
                for (int first = 0; first < samples.size(); first += LinePath.CHUNK) {
                    int n = Math.min(LinePath.CHUNK, samples.size() - first);
                    System.arraycopy(model.probabilities(samples.features(), first, n), 0, rowsOut, first * classes, n * classes);
                }
                ProbeScore score = ProbeScore.of(rowsOut, samples.labels(), classes);
                loss[k] = score.loss();
                accuracy[k] = score.accuracy();
                float[] p = new float[rowsOut.length];
                for (int v = 0; v < p.length; v++) p[v] = (float) rowsOut[v];
                probabilities[k] = p;
                monitor.progress((k + 1) / (double) total, "model " + (k + 1) + " of " + total + " scored on the probe");
            }
        }
        return new ModelPredictions(grid.rows(), grid.columns(), probabilities, loss, accuracy);
    }

    public int size() { return probabilities.length; }
}
