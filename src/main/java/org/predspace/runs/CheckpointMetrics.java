package org.predspace.runs;

/**
 * Scalar metrics recorded with a checkpoint. Train figures are on the probe set (training
 * samples), test figures on the held-out test probe; NaN where not measured.
 */
public record CheckpointMetrics(long step, double epoch, double trainLoss, double trainAccuracy,
                                double testLoss, double testAccuracy) {
    /**
     * Why these metrics cannot be in a run, or null: the one rule the writer, the reader and the
     * importer apply. Each value is NaN (not measured) or: epoch and losses finite and >= 0,
     * accuracies in [0, 1]. Names are metrics.csv's column names.
     */
    public String problem() {
        String p = nonNegative("epoch", epoch);
        if (p == null) p = nonNegative("train_loss", trainLoss);
        if (p == null) p = fraction("train_accuracy", trainAccuracy);
        if (p == null) p = nonNegative("test_loss", testLoss);
        if (p == null) p = fraction("test_accuracy", testAccuracy);
        return p;
    }

    private static String nonNegative(String column, double v) {
        if (Double.isNaN(v) || Double.isFinite(v) && v >= 0) return null;
        return column + " is " + v + "; it must be a number >= 0 (or NaN or empty when not measured)";
    }

    private static String fraction(String column, double v) {
        if (Double.isNaN(v) || v >= 0 && v <= 1) return null;
        return column + " is " + v + "; an accuracy is a fraction in [0, 1] (or NaN or empty when not measured)"
                + (v > 1 && v <= 100 ? "; percentages? divide by 100" : "");
    }
}
