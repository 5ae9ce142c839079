package org.predspace.training;

import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.ImprintInfo;
import org.predspace.runs.RunStatus;
import org.predspace.training.spec.TrainingSpec;

import java.nio.file.Path;
import java.util.Map;

/** What a training run publishes to its listeners (the CLI progress bar, later the UI). */
public sealed interface TrainingEvent {
    String runName();

    /**
     * The run folder exists; the labels let a live picture place its ignorance and truth anchors.
     * {@code imprint} and {@code imprintLabels} (the full problem's labels of the shared probe)
     * are null when the run records no imprinted predictions.
     */
    record Started(String runName, Path dir, TrainingSpec spec, String probeId, long totalSteps, int checkpoints,
                   int classes, int[] probeLabels, String testProbeId, int[] testProbeLabels,
                   ImprintInfo imprint, int[] imprintLabels)
            implements TrainingEvent {}

    /** Published every few steps; loss is the last minibatch's training loss. */
    record Progress(String runName, long step, long totalSteps, double epoch, double loss) implements TrainingEvent {}

    /**
     * A checkpoint is on disk; probePredictions (N x C, row-major) feed the live training-probe
     * picture, testProbePredictions the held-out one, imprintedPredictions (on the shared probe,
     * over the full problem's classes; null when the run has none) the imprinted one.
     */
    record CheckpointSaved(String runName, int index, int count, CheckpointMetrics metrics, float[] probePredictions,
                           float[] testProbePredictions, float[] imprintedPredictions)
            implements TrainingEvent {}

    /** The run ended: finished, cancelled, or diverged (the message says why). */
    record Finished(String runName, RunStatus status, String message, Map<String, Object> summary)
            implements TrainingEvent {}

    /** The run could not be trained (bad data, a full disk, ...); the message names the problem. */
    record Failed(String runName, String message) implements TrainingEvent {}
}
