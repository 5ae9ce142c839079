package org.predspace.ui.compare;

import javafx.scene.chart.NumberAxis;
import javafx.util.StringConverter;

/**
 * A log axis for training steps. JavaFX has no log axis, so points are plotted at
 * log10(step + 1) on a {@link NumberAxis} (the +1 keeps step 0) with one tick per decade,
 * each labelled with the step + 1 it stands for: 1, 10, 100, 1k, 10k...
 */
final class StepAxis {
    private StepAxis() {}

    static double position(long step) { return Math.log10(step + 1.0); }

    /** Whole decades covering [minPosition, maxPosition], at least one decade wide. */
    static double[] range(double minPosition, double maxPosition) {
        double lower = Math.floor(Math.max(0, minPosition));
        double upper = Math.max(lower + 1, Math.ceil(maxPosition));
        return new double[] {lower, upper};
    }

    /** The label of the tick at {@code position}: blank between decades. */
    static String label(double position) {
        long decade = Math.round(position);
        if (Math.abs(position - decade) > 1e-6 || decade < 0) return "";
        if (decade < 3) return Long.toString((long) Math.pow(10, decade));
        String[] suffix = {"k", "M", "G", "T"};
        int group = (int) Math.min(suffix.length, decade / 3);
        return (long) Math.pow(10, decade - 3L * group) + suffix[group - 1];
    }

    static NumberAxis create(String title) {
        NumberAxis axis = new NumberAxis(0, 1, 1);
        axis.setLabel(title);
        axis.setAutoRanging(false);
        axis.setMinorTickVisible(false);
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override public String toString(Number n) { return label(n.doubleValue()); }

            @Override public Number fromString(String s) { throw new UnsupportedOperationException(); }
        });
        return axis;
    }

    static void fit(NumberAxis axis, double minPosition, double maxPosition) {
        double[] r = range(minPosition, maxPosition);
        axis.setLowerBound(r[0]);
        axis.setUpperBound(r[1]);
        axis.setTickUnit(1);
    }
}
