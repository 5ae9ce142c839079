package org.predspace.geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random and structured checkpoints for tests, deterministic from a seed. */
final class TestPoints {
    private TestPoints() {}

    /** Softmax of Gaussian logits with the given spread; large spreads give near-zero probabilities. */
    static float[] randomSoftmax(SplittableRandom random, int samples, int classes, double spread) {
        float[] p = new float[samples * classes];
        double[] e = new double[classes];
        for (int s = 0; s < samples; s++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                e[c] = spread * random.nextGaussian();
                max = Math.max(max, e[c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                e[c] = Math.exp(e[c] - max);
                sum += e[c];
            }
            for (int c = 0; c < classes; c++) p[s * classes + c] = (float) (e[c] / sum);
        }
        return p;
    }

    static List<SqrtProbabilities> random(long seed, ProbeShape shape, int count, double spread) {
        SplittableRandom random = new SplittableRandom(seed);
        List<SqrtProbabilities> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(SqrtProbabilities.of("run-" + i, shape, randomSoftmax(random, shape.samples(), shape.classes(), spread)));
        }
        return out;
    }

    static int[] labels(long seed, int samples, int classes) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] y = new int[samples];
        for (int s = 0; s < samples; s++) y[s] = random.nextInt(classes);
        return y;
    }
}
