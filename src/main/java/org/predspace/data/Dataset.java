package org.predspace.data;

import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * An immutable labelled sample set: features row-major (one sample of {@code shape.size()}
 * floats after another) and integer labels in [0, classes).
 * Image pixels are scaled to [0, 1]; tabular features are standardised by the catalog.
 */
public final class Dataset {
    private final String name;
    private final float[] features;
    private final int[] labels;
    private final int classes;
    private final InputShape shape;
    private final List<String> classNames;

    public Dataset(String name, float[] features, int[] labels, int classes, InputShape shape, List<String> classNames) {
        this.name = Objects.requireNonNull(name);
        this.features = Objects.requireNonNull(features);
        this.labels = Objects.requireNonNull(labels);
        this.shape = Objects.requireNonNull(shape);
        this.classes = classes;
        this.classNames = List.copyOf(classNames);
        if ((long) labels.length * shape.size() != features.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels but " + features.length
                    + " feature values for samples of " + shape.size());
        }
        if (classes < 2) {
            throw new IllegalArgumentException(name + ": need at least 2 classes, got " + classes);
        }
        if (classNames.size() != classes) {
            throw new IllegalArgumentException(name + ": " + classNames.size() + " class names for " + classes + " classes");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of sample " + i + " is outside [0, " + classes + ")");
            }
        }
    }

    /** Class names "0", "1", ... for data whose labels carry no names. */
    public static List<String> numberedClassNames(int classes) {
        return IntStream.range(0, classes).mapToObj(Integer::toString).toList();
    }

    public String name() { return name; }
    public int size() { return labels.length; }
    public int classes() { return classes; }
    public InputShape shape() { return shape; }
    public List<String> classNames() { return classNames; }

    /** The label of sample i. */
    public int label(int i) { return labels[i]; }

    /** A copy of all labels. */
    public int[] labels() { return labels.clone(); }

    /** Copies sample i's features into {@code dest} at {@code offset}. */
    public void copyFeatures(int i, float[] dest, int offset) {
        int d = shape.size();
        System.arraycopy(features, i * d, dest, offset, d);
    }

    /** Read-only access for bulk computations; callers must not modify the array. */
    public float[] featuresView() { return features; }

    /** The samples at the given indices, in that order. */
    public Dataset subset(int[] indices, String subsetName) {
        int d = shape.size();
        float[] f = new float[indices.length * d];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(features, indices[k] * d, f, k * d, d);
            l[k] = labels[indices[k]];
        }
        return new Dataset(subsetName, f, l, classes, shape, classNames);
    }
}
