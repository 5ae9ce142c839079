package org.predspace.runs;

/**
 * One checkpoint as the engine hands it to a {@link RunWriter}.
 *
 * @param probePredictions softmax rows on the probe set, N x C row-major
 * @param testPredictions  softmax rows on the held-out test probe, or null if the run has none
 * @param parameters       flat parameter vector to snapshot, or null to skip the snapshot
 */
public record Checkpoint(CheckpointMetrics metrics, float[] probePredictions, float[] testPredictions, float[] parameters) {
    public long step() { return metrics.step(); }
}
