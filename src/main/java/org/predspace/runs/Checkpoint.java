package org.predspace.runs;

/**
 * One checkpoint as the engine hands it to a {@link RunWriter}.
 *
 * @param probePredictions          softmax rows on the probe set, N x C row-major
 * @param testPredictions           softmax rows on the held-out test probe, or null if the run has none
 * @param parameters                flat parameter vector to snapshot, or null to skip the snapshot
 * @param imprintedPredictions      imprinted rows over the full problem's classes on the shared
 *                                  probe, or null when the run has no imprinted predictions
 * @param imprintedTestPredictions  the same on the shared held-out probe, or null
 */
public record Checkpoint(CheckpointMetrics metrics, float[] probePredictions, float[] testPredictions, float[] parameters,
                         float[] imprintedPredictions, float[] imprintedTestPredictions) {
    /** A checkpoint without imprinted predictions. */
    public Checkpoint(CheckpointMetrics metrics, float[] probePredictions, float[] testPredictions, float[] parameters) {
        this(metrics, probePredictions, testPredictions, parameters, null, null);
    }

    public long step() { return metrics.step(); }
}
