package org.predspace.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Range checks of a command's numeric options, made before any work: a value out of range is a
 * usage error (exit 2) in one line naming the option, its range and the value given. Picocli
 * reads "NaN" and "Infinity" as doubles, so every number is checked to be finite too.
 */
final class OptionChecks {
    private final CommandSpec spec;

    OptionChecks(CommandSpec spec) {
        this.spec = spec;
    }

    /** {@code value} must lie in [lo, hi]. */
    void whole(String option, long value, long lo, long hi) {
        if (value >= lo && value <= hi) return;
        throw usage(option + " must be " + (hi == Integer.MAX_VALUE || hi == Long.MAX_VALUE ? "at least " + lo
                : "from " + lo + " to " + hi) + ", got " + value);
    }

    /**
     * {@code value} must be a finite number between lo and hi, each end included or not;
     * {@code hi = Double.MAX_VALUE} means no upper end.
     */
    void number(String option, double value, double lo, boolean loIncluded, double hi, boolean hiIncluded) {
        boolean aboveLo = loIncluded ? value >= lo : value > lo;
        boolean belowHi = hiIncluded ? value <= hi : value < hi;
        if (Double.isFinite(value) && aboveLo && belowHi) return;
        String from = (loIncluded ? "at least " : "above ") + plain(lo);
        String range = hi == Double.MAX_VALUE ? from
                : loIncluded && hiIncluded ? "from " + plain(lo) + " to " + plain(hi)
                : from + " and " + (hiIncluded ? "at most " : "below ") + plain(hi);
        throw usage(option + " must be a number " + range + ", got " + plain(value));
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
