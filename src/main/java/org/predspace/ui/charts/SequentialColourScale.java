package org.predspace.ui.charts;

import javafx.scene.paint.Color;

/**
 * Distance to colour: viridis (perceptually uniform, readable in grey and by colour-blind
 * viewers, and the same on a projector), dark for near, yellow for far. Values outside the
 * range are clamped; values that are not finite get {@link #MISSING}.
 */
public final class SequentialColourScale {
    /** Viridis sampled at ten even stops (matplotlib's table), interpolated linearly between. */
    private static final Color[] STOPS = {
        Color.web("#440154"), Color.web("#482878"), Color.web("#3E4A89"), Color.web("#31688E"), Color.web("#26828E"),
        Color.web("#1F9E89"), Color.web("#35B779"), Color.web("#6DCD59"), Color.web("#B4DE2C"), Color.web("#FDE725")};
    /** Pairs that share no progress (infinitely far apart). */
    public static final Color MISSING = Color.web("#9A9A9A");

    private final double low;
    private final double high;

    public SequentialColourScale(double low, double high) {
        if (!(high >= low)) throw new IllegalArgumentException("scale from " + low + " to " + high);
        this.low = low;
        this.high = high;
    }

    /** From 0 to the largest finite value of the matrix (1 when there is none). */
    public static SequentialColourScale forDistances(double[][] distances) {
        double max = 0;
        for (double[] row : distances) for (double d : row) if (Double.isFinite(d)) max = Math.max(max, d);
        return new SequentialColourScale(0, max > 0 ? max : 1);
    }

    public double low() { return low; }

    public double high() { return high; }

    /** Where {@code value} falls in the range, clamped to [0, 1]. */
    public double fraction(double value) {
        if (high == low) return 0;
        return Math.max(0, Math.min(1, (value - low) / (high - low)));
    }

    public Color colour(double value) {
        if (!Double.isFinite(value)) return MISSING;
        double f = fraction(value) * (STOPS.length - 1);
        int i = Math.min(STOPS.length - 2, (int) Math.floor(f));
        return STOPS[i].interpolate(STOPS[i + 1], f - i);
    }

    /** Black or white, whichever reads better on {@code background} (a number written in a cell). */
    public static Color textOn(Color background) {
        double luminance = 0.2126 * background.getRed() + 0.7152 * background.getGreen() + 0.0722 * background.getBlue();
        return luminance > 0.5 ? Color.BLACK : Color.WHITE;
    }
}
