package org.predspace.data;

import java.util.SplittableRandom;

/**
 * K isotropic Gaussian clusters in d dimensions. The centres sit evenly on a circle of the given
 * radius in the plane of the first two coordinates (further coordinates carry only noise), so
 * the overlap is fixed by design rather than by chance: with the defaults neighbouring centres
 * are 3.5 sd apart and a Bayes-optimal classifier errs on about 7% of samples, which gives
 * genuinely uncertain predictions to look at. Samples cycle through the clusters.
 */
public record GaussianMixture(int clusters, int dimensions, int trainSize, int testSize, double radius, double sigma) {
    public GaussianMixture {
        if (clusters < 2) {
            throw new IllegalArgumentException("need at least 2 clusters, got " + clusters);
        }
        if (dimensions < 2) {
            throw new IllegalArgumentException("need at least 2 dimensions, got " + dimensions);
        }
        Synthetic.requirePositive("train size", trainSize);
        Synthetic.requirePositive("test size", testSize);
    }

    /** 4 clusters in 2-D, 2,000 train / 1,000 test, centres at radius 2.5, sd 1. */
    public static GaussianMixture defaults() {
        return new GaussianMixture(4, 2, 2000, 1000, 2.5, 1.0);
    }

    public DatasetSplit generate(String id, long seed) {
        String description = clusters + " Gaussian clusters in " + dimensions + "-D (centres on a circle of radius "
                + radius + ", sd " + sigma + "), seed " + seed;
        return Synthetic.split(id, "gauss", description, clusters, InputShape.tabular(dimensions), trainSize, testSize,
                new SplittableRandom(seed), (random, index, x, at) -> {
                    int cluster = index % clusters;
                    double angle = 2 * Math.PI * cluster / clusters;
                    for (int j = 0; j < dimensions; j++) {
                        double centre = j == 0 ? radius * Math.cos(angle) : j == 1 ? radius * Math.sin(angle) : 0;
                        x[at + j] = (float) (centre + sigma * Synthetic.gaussian(random));
                    }
                    return cluster;
                });
    }
}
