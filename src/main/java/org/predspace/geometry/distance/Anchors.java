package org.predspace.geometry.distance;

import java.util.Arrays;

/**
 * The two points that belong in every picture (docs/science.md section 1): ignorance P0, which
 * predicts 1/C everywhere (roughly what an untrained network does), and truth P*, the
 * one-hot labels. d_B(P0, P*) = (1/2) ln C for any labels.
 */
public final class Anchors {
    public static final String IGNORANCE = "ignorance";
    public static final String TRUTH = "truth";

    private Anchors() {}

    public static SqrtProbabilities ignorance(ProbeShape shape) {
        float[] sqrt = new float[shape.values()];
        Arrays.fill(sqrt, (float) Math.sqrt(1.0 / shape.classes()));
        return SqrtProbabilities.ofSqrt(IGNORANCE, shape, sqrt);
    }

    /** @param labels y_n in [0, C) for each probe sample n */
    public static SqrtProbabilities truth(ProbeShape shape, int[] labels) {
        if (labels.length != shape.samples()) {
            throw new IllegalArgumentException("expected " + shape.samples() + " labels, got " + labels.length);
        }
        float[] sqrt = new float[shape.values()];
        for (int n = 0; n < labels.length; n++) {
            if (labels[n] < 0 || labels[n] >= shape.classes()) {
                throw new IllegalArgumentException("label " + labels[n] + " of sample " + n + " is not in [0, " + shape.classes() + ")");
            }
            sqrt[n * shape.classes() + labels[n]] = 1f;
        }
        return SqrtProbabilities.ofSqrt(TRUTH, shape, sqrt);
    }

    /** d_B(P0, P*) = -log(1/sqrt(C)) = (1/2) ln C. */
    public static double ignoranceToTruth(int classes) {
        return 0.5 * Math.log(classes);
    }
}
