package org.predspace.landscape;

import java.util.SplittableRandom;

/**
 * A random direction in weight space scaled filter by filter to the weights it starts from
 * (Li et al., docs/science.md §8): every filter of the direction gets the norm of the same filter
 * of theta, and biases and batch-norm parameters get 0. Without this, a plane's picture depends on
 * the scale of each layer's weights (ReLU networks are scale-invariant per filter), not on the
 * landscape; with it, the slices of different networks can be compared.
 */
public final class FilterNormalizedDirection {
    private FilterNormalizedDirection() {}

    /**
     * The direction drawn with {@code seed} (Gaussian entries, the same seed giving the same
     * direction on every machine) and scaled to {@code theta}'s filter norms. A filter of theta
     * that is all zeros gets a zero filter.
     */
    public static double[] of(ParameterLayout layout, double[] theta, long seed) {
        if (theta.length != layout.parameterCount()) {
            throw new IllegalArgumentException("theta has " + theta.length + " parameters but the layout " + layout.parameterCount());
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] d = new double[theta.length];
        for (int i = 0; i < d.length; i++) d[i] = gaussian(random);
        for (int f = 0; f < layout.filterCount(); f++) {
            int[] filter = layout.filter(f);
            double target = norm(theta, filter);
            double drawn = norm(d, filter);
            double scale = drawn == 0 ? 0 : target / drawn;
            for (int i : filter) d[i] *= scale;
        }
        for (int i : layout.others()) d[i] = 0;
        return d;
    }

    static double norm(double[] v, int[] indices) {
        double s = 0;
        for (int i : indices) s += v[i] * v[i];
        return Math.sqrt(s);
    }

    /** Box-Muller spelled out, so a seed's direction does not hang on which Gaussian algorithm the JDK picks. */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();   // in (0, 1], so the log is finite
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
