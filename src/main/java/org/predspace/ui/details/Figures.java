package org.predspace.ui.details;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * How the Details panel writes numbers: accuracies in percent, losses and distances to 4
 * significant digits, small rates in scientific notation, whole numbers without decimals, and
 * "—" for what was not measured (NaN), never 0.
 */
final class Figures {
    static final String MISSING = "—";

    private Figures() {}

    /** 0.3857 -> "38.6 %". */
    static String percent(double fraction) {
        if (!Double.isFinite(fraction)) return MISSING;
        return String.format(Locale.ROOT, "%.1f %%", 100 * fraction);
    }

    /** 4 significant digits, zeros kept (they say how precise it is): 0.5 -> "0.5000", 2.302585 -> "2.303". */
    static String significant(double v) {
        if (Double.isNaN(v)) return MISSING;
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "-∞";
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a < 1e-4 || a >= 1e7) return String.format(Locale.ROOT, "%.3e", v);
        int decimals = Math.max(0, 3 - (int) Math.floor(Math.log10(a)));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A rate or coefficient: plain when readable (0.1, 0.05), scientific when small (1e-3, 2.5e-4). */
    static String rate(double v) {
        if (Double.isNaN(v)) return MISSING;
        if (v == 0) return "0";
        if (Math.abs(v) >= 0.01 && Math.abs(v) < 1e6) return plain(v);
        int exponent = (int) Math.floor(Math.log10(Math.abs(v)));
        double mantissa = v / Math.pow(10, exponent);
        return plain(new BigDecimal(mantissa).round(new MathContext(3)).doubleValue()) + "e" + exponent;
    }

    /** Up to 6 significant digits, no trailing zeros, whole numbers as integers: 32.0 -> "32". */
    static String plain(double v) {
        if (Double.isNaN(v)) return MISSING;
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** Epochs: whole ones as integers, part-way ones to two decimals (2.37). */
    static String epoch(double v) {
        if (!Double.isFinite(v)) return MISSING;
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** A count with thousands separators: 101770 -> "101,770". */
    static String count(double v) {
        if (Double.isNaN(v)) return MISSING;
        return String.format(Locale.ROOT, "%,d", Math.round(v));
    }
}
