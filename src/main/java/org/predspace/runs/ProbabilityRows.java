package org.predspace.runs;

/**
 * The rule every stored prediction row obeys: finite, non-negative, summing to 1. The writer
 * and the reader share it, so the writer can never produce a run the reader refuses.
 */
final class ProbabilityRows {
    /** Float32 softmax rows sum to 1 within about 1e-6; 1e-3 leaves room for other tools' rounding. */
    static final double SUM_TOLERANCE = 1e-3;

    private ProbabilityRows() {}

    /** Describes the first row of {@code values} (rows of {@code classes}) that is not a distribution, or null. */
    static String firstProblem(float[] values, int classes) {
        for (int row = 0, base = 0; base < values.length; row++, base += classes) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                float p = values[base + c];
                if (!Float.isFinite(p)) return "row " + row + ", class " + c + " is " + p;
                if (p < 0) return "row " + row + ", class " + c + " is negative (" + p + ")";
                sum += p;
            }
            if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                return "row " + row + " sums to " + sum + ", not 1 (tolerance " + SUM_TOLERANCE + ")";
            }
        }
        return null;
    }

    /** Index of the first non-finite value, or -1. */
    static int firstNonFinite(float[] values) {
        for (int i = 0; i < values.length; i++) if (!Float.isFinite(values[i])) return i;
        return -1;
    }
}
