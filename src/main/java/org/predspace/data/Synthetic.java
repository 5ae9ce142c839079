package org.predspace.data;

import java.util.SplittableRandom;

/**
 * Shared machinery of the seeded synthetic generators. SplittableRandom is used because its
 * algorithm is fixed by its specification, so a seed gives the same data on every JVM; the
 * train and test parts come from separate split streams, so resizing one leaves the other alone.
 */
final class Synthetic {
    private Synthetic() {}

    /** Writes one sample's features at {@code offset} and returns its label. */
    @FunctionalInterface
    interface Sampler {
        int draw(SplittableRandom random, int index, float[] features, int offset);
    }

    static DatasetSplit split(String id, String title, String description, int classes, InputShape shape,
                              int trainSize, int testSize, SplittableRandom random, Sampler sampler) {
        Dataset train = sample(title + " train", trainSize, classes, shape, random.split(), sampler);
        Dataset test = sample(title + " test", testSize, classes, shape, random.split(), sampler);
        return new DatasetSplit(id, train, test, description);
    }

    private static Dataset sample(String name, int n, int classes, InputShape shape, SplittableRandom random, Sampler sampler) {
        int d = shape.size();
        float[] x = new float[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = sampler.draw(random, i, x, i * d);
        }
        return new Dataset(name, x, labels, classes, shape, Dataset.numberedClassNames(classes));
    }

    /** A standard normal deviate by Box-Muller, written out so it cannot change with the JDK. */
    static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble(); // in (0, 1], so the log is finite
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * random.nextDouble());
    }

    static void requirePositive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
    }
}
