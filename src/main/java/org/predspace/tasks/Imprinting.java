package org.predspace.tasks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Predictions over all classes of the full problem from a network's penultimate features, so
 * that runs trained on different tasks (heads of different sizes and meanings) are points of
 * one prediction space (docs/science.md, the space of tasks). Each class c has a prototype
 * mu_c, the mean features of its prototype samples; a sample x is predicted
 * p(c | x) = softmax_c(-||phi(x) - mu_c||^2), as Ramesh et al.'s imprinting code computes it.
 * Computed in double, the largest logit subtracted before exp, so rows of far-apart features
 * still sum to 1 instead of underflowing to 0/0.
 */
public final class Imprinting {
    private final int classes;
    private final int width;
    /** mu_c at [c * width, (c + 1) * width). */
    private final double[] prototypes;

    private Imprinting(int classes, int width, double[] prototypes) {
        this.classes = classes;
        this.width = width;
        this.prototypes = prototypes;
    }

    /**
     * The prototypes of {@code classes} classes from the features ([n, width], row-major) of
     * samples with {@code labels} in [0, classes).
     *
     * @throws IllegalArgumentException shapes disagree, a label is out of range, or a class has
     *                                  no sample (its prototype, and so its predictions, would be undefined)
     */
    public static Imprinting of(float[] features, int[] labels, int classes, int width) {
        if (classes < 1 || width < 1) {
            throw new IllegalArgumentException("imprinting needs at least one class and one feature, got " + classes
                    + " classes and width " + width);
        }
        if ((long) labels.length * width != features.length) {
            throw new IllegalArgumentException(features.length + " feature values are not " + labels.length
                    + " samples of width " + width);
        }
        double[] sums = new double[classes * width];
        int[] counts = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i];
            if (c < 0 || c >= classes) {
                throw new IllegalArgumentException("prototype sample " + i + " has label " + c + ", outside [0, " + classes + ")");
            }
            counts[c]++;
            for (int k = 0; k < width; k++) sums[c * width + k] += features[i * width + k];
        }
        List<Integer> empty = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            if (counts[c] == 0) empty.add(c);
            for (int k = 0; k < width; k++) sums[c * width + k] /= counts[c];
        }
        if (!empty.isEmpty()) {
            throw new IllegalArgumentException("no prototype samples of class" + (empty.size() > 1 ? "es " : " ") + empty
                    .toString().replaceAll("[\\[\\]]", "") + ": imprinting needs at least one of every class");
        }
        return new Imprinting(classes, width, sums);
    }

    /** Imprinted predictions of samples with {@code features} ([rows, width]): [rows, classes], row-major. */
    public float[] predictions(float[] features, int rows) {
        if ((long) rows * width != features.length) {
            throw new IllegalArgumentException(features.length + " feature values are not " + rows + " rows of width " + width);
        }
        float[] out = new float[rows * classes];
        double[] logits = new double[classes];
        for (int i = 0; i < rows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double d = 0;
                for (int k = 0; k < width; k++) {
                    double diff = features[i * width + k] - prototypes[c * width + k];
                    d += diff * diff;
                }
                logits[c] = -d;
                max = Math.max(max, -d);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                logits[c] = Math.exp(logits[c] - max);
                sum += logits[c];
            }
            for (int c = 0; c < classes; c++) out[i * classes + c] = (float) (logits[c] / sum);
        }
        return out;
    }

    public int classes() { return classes; }

    public int width() { return width; }

    /** The prototype of class {@code c}: the mean features of its prototype samples. */
    public double[] prototype(int c) {
        return Arrays.copyOfRange(prototypes, c * width, (c + 1) * width);
    }
}
