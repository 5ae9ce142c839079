package org.predspace.ui.curves;

import org.predspace.runs.CheckpointMetrics;

import java.util.function.ToDoubleFunction;

/** The four curves of a run: loss and accuracy, on the training probe (solid) and the held-out probe (dashed). */
enum Metric {
    TRAIN_LOSS("train loss", false, false, CheckpointMetrics::trainLoss),
    TEST_LOSS("test loss", true, false, CheckpointMetrics::testLoss),
    TRAIN_ACCURACY("train accuracy", false, true, CheckpointMetrics::trainAccuracy),
    TEST_ACCURACY("test accuracy", true, true, CheckpointMetrics::testAccuracy);

    final String label;
    final boolean heldOut;
    final boolean accuracy;
    private final ToDoubleFunction<CheckpointMetrics> read;

    Metric(String label, boolean heldOut, boolean accuracy, ToDoubleFunction<CheckpointMetrics> read) {
        this.label = label;
        this.heldOut = heldOut;
        this.accuracy = accuracy;
        this.read = read;
    }

    /** The value as plotted (accuracy in percent), or NaN when it was not measured (never drawn as 0). */
    double plotted(CheckpointMetrics m) {
        double v = read.applyAsDouble(m);
        if (!Double.isFinite(v)) return Double.NaN;
        return accuracy ? 100 * v : v;
    }
}
