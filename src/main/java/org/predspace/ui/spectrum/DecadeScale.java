package org.predspace.ui.spectrum;

import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A logarithmic axis for JavaFX, which has none: values are plotted as log10 on a NumberAxis,
 * and this scale chooses its bounds (whole decades), its tick spacing (whole decades, at most
 * {@link #MAX_TICKS} labels so they stay readable on a projector) and prints the labels as
 * powers of ten ("1e-3"). No display needed: tested on its own.
 */
public record DecadeScale(int lower, int upper, int unit) {
    static final int MAX_TICKS = 10;
    private static final int[] UNITS = {1, 2, 3, 5, 10, 20, 50, 100};

    public DecadeScale {
        if (upper <= lower) throw new IllegalArgumentException("upper decade " + upper + " must exceed lower " + lower);
        if (unit < 1) throw new IllegalArgumentException("unit must be at least one decade, got " + unit);
    }

    /**
     * The whole decades around log10 values in [minLog, maxLog], with ticks on multiples of a
     * unit of 1, 2, 3, 5, 10, ... decades; NaN bounds (nothing plotted yet) give 1e-3 .. 1.
     */
    public static DecadeScale covering(double minLog, double maxLog) {
        if (Double.isNaN(minLog) || Double.isNaN(maxLog) || Double.isInfinite(minLog) || Double.isInfinite(maxLog)) {
            return new DecadeScale(-3, 0, 1);
        }
        int lo = (int) Math.floor(Math.min(minLog, maxLog));
        int hi = (int) Math.ceil(Math.max(minLog, maxLog));
        if (hi == lo) hi = lo + 1; // one value, or all equal: still show the decade it sits in
        for (int u : UNITS) {
            int l = Math.floorDiv(lo, u) * u;
            int h = -Math.floorDiv(-hi, u) * u;
            if ((h - l) / u + 1 <= MAX_TICKS) return new DecadeScale(l, h, u);
        }
        int u = UNITS[UNITS.length - 1];
        return new DecadeScale(Math.floorDiv(lo, u) * u, -Math.floorDiv(-hi, u) * u, u);
    }

    /** The tick positions (log10 values), lower to upper. */
    public List<Integer> ticks() {
        List<Integer> t = new ArrayList<>();
        for (int d = lower; d <= upper; d += unit) t.add(d);
        return t;
    }

    /**
     * 10^log10Value as text: a whole decade prints as "1e-3" (and "1" for 10^0), anything
     * else with two significant digits ("3.2e-4"), so a label is never a log value.
     */
    public static String label(double log10Value) {
        long decade = Math.round(log10Value);
        if (Math.abs(log10Value - decade) < 1e-9) return decade == 0 ? "1" : "1e" + decade;
        return String.format(Locale.ROOT, "%.2g", Math.pow(10, log10Value)).replace("e+", "e").replace("e0", "e").replace("e-0", "e-");
    }

    /** The tick label formatter for a NumberAxis holding log10 values. */
    public static StringConverter<Number> labels() {
        return new StringConverter<>() {
            @Override
            public String toString(Number v) { return v == null ? "" : label(v.doubleValue()); }

            @Override
            public Number fromString(String s) { return Math.log10(Double.parseDouble(s)); }
        };
    }
}
