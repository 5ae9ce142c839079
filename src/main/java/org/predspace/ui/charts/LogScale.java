package org.predspace.ui.charts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A base-10 logarithmic scale drawn on a linear axis: a value v sits at axis position
 * log10(v + offset). JavaFX charts have no log axis, so a chart plots {@link #toAxis} values
 * on a {@link LogAxis} and this class chooses the ticks (at the decades 1, 10, 100, ...) and
 * their labels in the original units.
 *
 * <p>Training steps start at 0, hence {@link #steps()} with offset 1 (step 0 at position 0);
 * positive quantities such as eigenvalues use {@link #positive()} (offset 0).
 */
public record LogScale(double offset) {
    /** Decades beyond this are not labelled (keeps the tick list finite on absurd ranges). */
    private static final int MAX_DECADES = 40;

    public LogScale {
        if (!(offset >= 0)) throw new IllegalArgumentException("offset must be >= 0: " + offset);
    }

    /** log10(step + 1): step 0 at 0, step 9 at 1, step 99 at 2. */
    public static LogScale steps() { return new LogScale(1); }

    /** log10(v) for positive values. */
    public static LogScale positive() { return new LogScale(0); }

    /** Axis position of {@code value}; NaN when it has none (value + offset <= 0, or NaN). */
    public double toAxis(double value) {
        double v = value + offset;
        return v > 0 ? Math.log10(v) : Double.NaN;
    }

    /** The value at axis position {@code x}. */
    public double fromAxis(double x) { return Math.pow(10, x) - offset; }

    /**
     * Axis positions of the labelled ticks between {@code lower} and {@code upper} (axis units,
     * inclusive): every decade 10^k in range, and for the step scale also 0 (where the axis starts).
     */
    public List<Double> majorTicks(double lower, double upper) {
        List<Double> ticks = new ArrayList<>();
        if (!(upper >= lower)) return ticks;
        if (offset > 0 && inRange(0, lower, upper)) ticks.add(0.0);
        for (int k = firstDecade(lower); k <= lastDecade(upper); k++) {
            double x = toAxis(Math.pow(10, k));
            if (inRange(x, lower, upper) && (ticks.isEmpty() || x > ticks.get(ticks.size() - 1))) ticks.add(x);
        }
        return ticks;
    }

    /** Axis positions of the unlabelled ticks 2..9 x 10^k between {@code lower} and {@code upper}. */
    public List<Double> minorTicks(double lower, double upper) {
        List<Double> ticks = new ArrayList<>();
        if (!(upper >= lower)) return ticks;
        for (int k = firstDecade(lower) - (offset > 0 ? 0 : 1); k <= lastDecade(upper); k++) {
            for (int m = 2; m <= 9; m++) {
                double x = toAxis(m * Math.pow(10, k));
                if (inRange(x, lower, upper)) ticks.add(x);
            }
        }
        return ticks;
    }

    /**
     * An upper axis bound that shows {@code maxValue} with a little room: the next 1, 2 or 5 x 10^k
     * at or above it (a whole decade on a log axis would waste up to 90% of the width).
     */
    public double upperBound(double maxValue) {
        if (!(maxValue > 0)) return toAxis(1);
        double decade = Math.pow(10, Math.floor(Math.log10(maxValue)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * decade >= maxValue * (1 - 1e-12)) return toAxis(m * decade);
        }
        return toAxis(10 * decade);
    }

    /**
     * A lower axis bound at or below {@code minValue}: the scale's origin (value 0) when the
     * offset lets it be drawn and the data come near it, else the decade below the data.
     */
    public double lowerBound(double minValue) {
        if (offset > 0 && !(minValue >= 1)) return toAxis(0);
        if (!(minValue > 0)) return toAxis(1);
        return toAxis(Math.pow(10, Math.floor(Math.log10(minValue) + 1e-12)));
    }

    /** Tick label for axis position {@code x}: the value, rounded to its decade ("0", "1", "10", "1k", "1e-4"). */
    public String label(double x) {
        double v = fromAxis(x);
        if (Math.abs(v) < 1e-9 * Math.max(1, offset)) return "0";
        int k = (int) Math.round(Math.log10(Math.abs(v)));
        if (Math.abs(Math.pow(10, k) - Math.abs(v)) > 1e-6 * Math.pow(10, k)) return compact(v);
        return decade(k);
    }

    /** 10^k as a reader expects it on a step axis: 1, 10, 100, 1k ... 100k, 1M, then 1e9. */
    static String decade(int k) {
        if (k >= 0 && k <= 2) return Long.toString((long) Math.pow(10, k));
        if (k >= 3 && k <= 5) return (long) Math.pow(10, k - 3) + "k";
        if (k >= 6 && k <= 8) return (long) Math.pow(10, k - 6) + "M";
        if (k >= -3 && k < 0) return BigDecimal.ONE.scaleByPowerOfTen(k).toPlainString();
        return "1e" + k;
    }

    private static String compact(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** The first decade to tick; with an offset, decades below it are squashed against the origin and skipped. */
    private int firstDecade(double lower) {
        int first = (int) Math.floor(Math.log10(Math.max(fromAxis(lower), 1e-300)));
        if (offset > 0) first = Math.max(first, (int) Math.ceil(Math.log10(offset)));
        return Math.max(-MAX_DECADES, first);
    }

    private int lastDecade(double upper) {
        return Math.min(MAX_DECADES, (int) Math.ceil(Math.log10(Math.max(fromAxis(upper), 1e-300))));
    }

    private static boolean inRange(double x, double lower, double upper) {
        double eps = 1e-9 * Math.max(1, upper - lower);
        return x >= lower - eps && x <= upper + eps;
    }
}
