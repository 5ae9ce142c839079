package org.predspace.geometry.distance;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random and structured checkpoints for tests, deterministic from a seed. */
public final class TestPoints {
    private TestPoints() {}

    /** Softmax of Gaussian logits with the given spread; large spreads give near-zero probabilities. */
    public static float[] randomSoftmax(SplittableRandom random, int samples, int classes, double spread) {
        float[] p = new float[samples * classes];
        double[] logits = new double[classes];
        for (int s = 0; s < samples; s++) {
            for (int c = 0; c < classes; c++) logits[c] = spread * random.nextGaussian();
            softmax(logits, p, s * classes);
        }
        return p;
    }

    /** dest[offset + c] = softmax(logits)_c, computed stably (the largest logit subtracted first). */
    public static void softmax(double[] logits, float[] dest, int offset) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) max = Math.max(max, z);
        double sum = 0;
        for (double z : logits) sum += Math.exp(z - max);
        for (int c = 0; c < logits.length; c++) dest[offset + c] = (float) (Math.exp(logits[c] - max) / sum);
    }

    public static List<SqrtProbabilities> random(long seed, ProbeShape shape, int count, double spread) {
        SplittableRandom random = new SplittableRandom(seed);
        List<SqrtProbabilities> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(SqrtProbabilities.of("run-" + i, shape, randomSoftmax(random, shape.samples(), shape.classes(), spread)));
        }
        return out;
    }

    public static int[] labels(long seed, int samples, int classes) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] y = new int[samples];
        for (int s = 0; s < samples; s++) y[s] = random.nextInt(classes);
        return y;
    }

    /** Every point of a source, read one by one (the plain reference for block reads). */
    public static List<SqrtProbabilities> all(CheckpointSource source) {
        List<SqrtProbabilities> out = new ArrayList<>();
        for (int i = 0; i < source.size(); i++) out.add(source.point(i));
        return out;
    }
}
