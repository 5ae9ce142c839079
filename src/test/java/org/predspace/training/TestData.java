package org.predspace.training;

import org.predspace.data.Dataset;
import org.predspace.data.DatasetSplit;
import org.predspace.data.InputShape;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small, seeded data sets built in the test, so engine tests need no bundled files. */
public final class TestData {
    private TestData() {}

    /** Well separated Gaussian blobs in {@code dims} dimensions: learnable in a few steps. */
    public static Dataset blobs(String name, int perClass, int classes, int dims, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = perClass * classes;
        float[] x = new float[n * dims];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            y[i] = c;
            for (int k = 0; k < dims; k++) {
                double centre = (k % classes == c) ? 3.0 : 0.0;
                x[i * dims + k] = (float) (centre + rng.nextGaussian() * 0.5);
            }
        }
        return new Dataset(name, x, y, classes, InputShape.tabular(dims), names(classes));
    }

    /** Tiny images: class c has a bright pixel block in a class-specific position. */
    public static Dataset images(String name, int perClass, int classes, int side, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = perClass * classes;
        int d = side * side;
        float[] x = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            y[i] = c;
            for (int p = 0; p < d; p++) x[i * d + p] = (float) (rng.nextDouble() * 0.1);
            int row = (c * 2) % (side - 1);
            for (int col = 0; col < side / 2; col++) x[i * d + row * side + col] = 1f;
        }
        return new Dataset(name, x, y, classes, InputShape.image(1, side, side), names(classes));
    }

    public static DatasetSplit blobSplit(String id) {
        return new DatasetSplit(id, blobs(id + " train", 60, 3, 5, 1), blobs(id + " test", 20, 3, 5, 2), "test blobs");
    }

    public static DatasetSplit imageSplit(String id) {
        return new DatasetSplit(id, images(id + " train", 40, 3, 8, 1), images(id + " test", 10, 3, 8, 2), "test images");
    }

    private static List<String> names(int classes) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) names.add("class " + c);
        return names;
    }
}
