package org.predspace.geometry.distance;

/**
 * One checkpoint as a point of prediction space: the square roots of its softmax
 * probabilities on the probe set, stored once in float32 (every distance uses sqrt(p),
 * never p; docs/science.md sections 1 and 2). Immutable.
 */
public final class SqrtProbabilities {
    /** Largest |sum_c p - 1| accepted per sample; float32 softmax rows are within about 1e-6. */
    static final double ROW_SUM_TOLERANCE = 1e-3;

    private final String run;
    private final ProbeShape shape;
    private final float[] sqrt;

    private SqrtProbabilities(String run, ProbeShape shape, float[] sqrt) {
        this.run = run;
        this.shape = shape;
        this.sqrt = sqrt;
    }

    /**
     * @param run           name of the run the checkpoint belongs to (used in error messages)
     * @param probabilities softmax rows, N x C row-major; copied
     * @throws IllegalArgumentException if the length is not N*C, a value is negative or not
     *                                  finite, or a row does not sum to 1 (logits passed by mistake)
     */
    public static SqrtProbabilities of(String run, ProbeShape shape, float[] probabilities) {
        int n = shape.samples();
        int c = shape.classes();
        if (probabilities.length != n * c) {
            throw new IllegalArgumentException("run " + run + ": expected N*C = " + n + "*" + c + " = " + (n * c)
                    + " probabilities, got " + probabilities.length);
        }
        float[] root = new float[n * c];
        // float square roots of floats: C2 turns (float) Math.sqrt(p) into vector square roots,
        // equal to the rounded double root; a negative or NaN p gives NaN, found just below
        for (int k = 0; k < root.length; k++) root[k] = (float) Math.sqrt(probabilities[k]);
        if (!rowsAreDistributions(probabilities, c)) throw new IllegalArgumentException(firstProblem(run, probabilities, n, c));
        return new SqrtProbabilities(run, shape, root);
    }

    /**
     * Whether every row is finite, non-negative and sums to 1: one pass without early exits
     * (a NaN or infinity makes its row's sum fail the test), so that checking costs a few
     * percent of reading. {@link #firstProblem} then names what is wrong.
     */
    private static boolean rowsAreDistributions(float[] probabilities, int c) {
        for (int base = 0; base < probabilities.length; base += c) {
            double sum = 0;
            boolean negative = false;
            for (int k = base; k < base + c; k++) {
                float p = probabilities[k];
                negative |= p < 0f;
                sum += p;
            }
            if (negative || !(Math.abs(sum - 1) <= ROW_SUM_TOLERANCE)) return false;
        }
        return true;
    }

    private static String firstProblem(String run, float[] probabilities, int n, int c) {
        for (int s = 0; s < n; s++) {
            double sum = 0;
            for (int k = s * c; k < (s + 1) * c; k++) {
                float p = probabilities[k];
                if (!(p >= 0f) || p == Float.POSITIVE_INFINITY) {
                    return "run " + run + ": probability of sample " + s + ", class " + (k - s * c) + " is " + p
                            + "; softmax outputs must be finite and non-negative";
                }
                sum += p;
            }
            if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
                return "run " + run + ": probabilities of sample " + s + " sum to " + sum + ", not 1 (logits instead of softmax outputs?)";
            }
        }
        throw new IllegalStateException("run " + run + ": rows judged invalid, but no row is");
    }

    /** For points built from unit vectors per sample (anchors, geodesic points); no copy. */
    public static SqrtProbabilities ofSqrt(String run, ProbeShape shape, float[] sqrt) {
        if (sqrt.length != shape.values()) throw new IllegalArgumentException("expected " + shape.values() + " values");
        return new SqrtProbabilities(run, shape, sqrt);
    }

    public String run() { return run; }
    public ProbeShape shape() { return shape; }
    public int samples() { return shape.samples(); }
    public int classes() { return shape.classes(); }

    /** sqrt(p(class | sample)). */
    public float sqrt(int sample, int cls) { return sqrt[sample * shape.classes() + cls]; }

    /** The probabilities p = sqrt(p)^2, N x C row-major (a fresh array). */
    public float[] probabilities() {
        float[] p = new float[sqrt.length];
        for (int k = 0; k < p.length; k++) p[k] = sqrt[k] * sqrt[k];
        return p;
    }

    /** Shared, not copied: callers inside the package must not write to it. */
    public float[] values() { return sqrt; }

    /** Same point, relabelled (e.g. a run name given after the fact). */
    public SqrtProbabilities withRun(String newRun) { return new SqrtProbabilities(newRun, shape, sqrt); }

    public void requireSameProbe(SqrtProbabilities other) {
        shape.requireSame(other.shape, run, other.run);
    }
}
