package org.predspace.runs;

import java.util.List;

/** The names inside a run folder, in one place (docs/run-format.md describes each). */
final class RunFiles {
    static final String MANIFEST = "run.json";
    static final String LABELS = "labels.npy";
    static final String PREDICTIONS = "predictions.npy";
    /** The commit record: a checkpoint exists once its step is in here. */
    static final String STEPS = "steps.npy";
    static final String METRICS = "metrics.csv";
    static final String TEST_LABELS = "test_labels.npy";
    static final String TEST_PREDICTIONS = "test_predictions.npy";
    static final String PARAMS_DIR = "params";
    /**
     * The imprinted predictions (docs/run-format.md): a folder holding labels.npy,
     * predictions.npy and optionally test_labels.npy and test_predictions.npy, named as in the
     * run folder itself, committed by the run's own steps.npy.
     */
    static final String IMPRINTED_DIR = "imprinted";

    static final List<String> ALL = List.of(MANIFEST, LABELS, PREDICTIONS, STEPS, METRICS, TEST_LABELS,
            TEST_PREDICTIONS, PARAMS_DIR, IMPRINTED_DIR);

    private RunFiles() {}
}
