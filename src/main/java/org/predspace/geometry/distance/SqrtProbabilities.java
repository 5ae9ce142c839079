package org.predspace.geometry.distance;

import org.predspace.runs.ProbabilityRows;

/**
 * One checkpoint as a point of prediction space: the square roots of its softmax
 * probabilities on the probe set, stored once in float32 (every distance uses sqrt(p),
 * never p; docs/science.md sections 1 and 2). Immutable.
 */
public final class SqrtProbabilities {
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
        // equal to the rounded double root; a bad row is refused just below
        for (int k = 0; k < root.length; k++) root[k] = (float) Math.sqrt(probabilities[k]);
        ProbabilityRows.Problem problem = ProbabilityRows.find(probabilities, c);
        if (problem != null) throw new IllegalArgumentException(describe(run, problem));
        return new SqrtProbabilities(run, shape, root);
    }

    /** The stored runs' rule, in the words of a point that is refused (the sample is the rule's row). */
    private static String describe(String run, ProbabilityRows.Problem p) {
        return switch (p.kind()) {
            case NON_FINITE, NEGATIVE -> "run " + run + ": probability of sample " + p.row() + ", class " + p.cls() + " is "
                    + (float) p.value() + "; softmax outputs must be finite and non-negative";
            case SUM -> "run " + run + ": probabilities of sample " + p.row() + " sum to " + p.value()
                    + ", not 1 (logits instead of softmax outputs?)";
        };
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
