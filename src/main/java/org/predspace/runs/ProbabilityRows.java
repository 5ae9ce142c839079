package org.predspace.runs;

/**
 * The rule every stored prediction row obeys: finite, non-negative, summing to 1. The writer,
 * the reader, the importer and the points of prediction space (geometry's SqrtProbabilities)
 * share it, so none can produce or draw a run another refuses.
 */
public final class ProbabilityRows {
    /** Float32 softmax rows sum to 1 within about 1e-6; 1e-3 leaves room for other tools' rounding. */
    public static final double SUM_TOLERANCE = 1e-3;

    /** Why a row is not a distribution. */
    public enum Kind { NON_FINITE, NEGATIVE, SUM }

    /**
     * The first bad row: {@code value} is the offending entry (class {@code cls}) for NON_FINITE
     * and NEGATIVE, the row's sum for SUM (where {@code cls} is -1).
     */
    public record Problem(int row, int cls, Kind kind, double value) {
        /** Names the row in the words the reader has always used, e.g. "row 3 sums to 0.9, not 1 (tolerance 0.001)". */
        String describe() {
            return switch (kind) {
                case NON_FINITE -> "row " + row + ", class " + cls + " is " + (float) value;
                case NEGATIVE -> "row " + row + ", class " + cls + " is negative (" + (float) value + ")";
                case SUM -> "row " + row + " sums to " + value + ", not 1 (tolerance " + SUM_TOLERANCE + ")";
            };
        }
    }

    private ProbabilityRows() {}

    /** The first row of {@code values} (rows of {@code classes}) that is not a distribution, or null. */
    public static Problem find(float[] values, int classes) {
        if (allDistributions(values, classes)) return null;
        for (int row = 0, base = 0; base < values.length; row++, base += classes) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                float p = values[base + c];
                if (!Float.isFinite(p)) return new Problem(row, c, Kind.NON_FINITE, p);
                if (p < 0) return new Problem(row, c, Kind.NEGATIVE, p);
                sum += p;
            }
            if (Math.abs(sum - 1) > SUM_TOLERANCE) return new Problem(row, -1, Kind.SUM, sum);
        }
        return null;
    }

    /**
     * The common case, checked without early exits or a branch per value (a NaN or infinity
     * fails its row's sum), so reading a large run is not slowed by its check; {@link #find}'s
     * loop then names the problem. Same sums, in the same order, so both agree on every row.
     */
    private static boolean allDistributions(float[] values, int classes) {
        for (int base = 0; base < values.length; base += classes) {
            double sum = 0;
            boolean negative = false;
            for (int c = base; c < base + classes; c++) {
                negative |= values[c] < 0;
                sum += values[c];
            }
            if (negative || !(Math.abs(sum - 1) <= SUM_TOLERANCE)) return false;
        }
        return true;
    }

    /** Describes the first row of {@code values} (rows of {@code classes}) that is not a distribution, or null. */
    static String firstProblem(float[] values, int classes) {
        Problem p = find(values, classes);
        return p == null ? null : p.describe();
    }

    /** Index of the first non-finite value, or -1. */
    static int firstNonFinite(float[] values) {
        for (int i = 0; i < values.length; i++) if (!Float.isFinite(values[i])) return i;
        return -1;
    }
}
