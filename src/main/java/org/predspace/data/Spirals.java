package org.predspace.data;

import java.util.SplittableRandom;

/**
 * K interleaved noisy spiral arms in the plane, the classic problem a linear model cannot
 * solve. Arm k is the curve r = 2t, angle = 2 pi (k / K + turns * t) for t uniform in [0, 1],
 * plus isotropic Gaussian noise; inputs lie roughly in [-2, 2]^2 so need no scaling. Samples
 * cycle through the arms, so classes are exactly balanced (up to one sample).
 */
public record Spirals(int arms, int trainSize, int testSize, double noise, double turns) {
    public Spirals {
        if (arms < 2) {
            throw new IllegalArgumentException("need at least 2 spiral arms, got " + arms);
        }
        Synthetic.requirePositive("train size", trainSize);
        Synthetic.requirePositive("test size", testSize);
    }

    /** 3 arms, 2,000 train / 1,000 test, noise sd 0.1, 1.25 turns: neighbouring arms are ~5 noise sd apart. */
    public static Spirals defaults() {
        return new Spirals(3, 2000, 1000, 0.1, 1.25);
    }

    public DatasetSplit generate(String id, long seed) {
        String description = arms + " interleaved spirals in 2-D, noise sd " + noise + ", " + turns + " turns, seed " + seed;
        return Synthetic.split(id, "spirals", description, arms, InputShape.tabular(2), trainSize, testSize,
                new SplittableRandom(seed), (random, index, x, at) -> {
                    int arm = index % arms;
                    double t = random.nextDouble();
                    double angle = 2 * Math.PI * ((double) arm / arms + turns * t);
                    x[at] = (float) (2 * t * Math.cos(angle) + noise * Synthetic.gaussian(random));
                    x[at + 1] = (float) (2 * t * Math.sin(angle) + noise * Synthetic.gaussian(random));
                    return arm;
                });
    }
}
