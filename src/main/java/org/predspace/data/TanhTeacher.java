package org.predspace.data;

import java.util.SplittableRandom;

/**
 * A random one-hidden-layer tanh network that labels inputs by the argmax of its logits, so the
 * sloppy data set has a known, smooth, learnable rule. First-layer weights are Gaussian with
 * variance gain^2 / (total input variance), which puts hidden pre-activations at sd ~ gain:
 * in tanh's curved range, neither linear nor saturated. Output weights are Gaussian 1/sqrt(hidden).
 * A raw random teacher is badly imbalanced (one class can get 14 times as many samples as
 * another), so {@link #balance} tunes the output biases until every class wins about equally often.
 */
final class TanhTeacher {
    private static final double GAIN = 1.5;

    private final int inputs;
    private final double[][] w1;
    private final double[] b1;
    private final double[][] w2;
    private final double[] b2;

    private TanhTeacher(int inputs, double[][] w1, double[] b1, double[][] w2, double[] b2) {
        this.inputs = inputs;
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
    }

    static TanhTeacher random(int inputs, int hidden, int outputs, double inputVariance, SplittableRandom random) {
        double sd1 = GAIN / Math.sqrt(inputVariance);
        double sd2 = 1 / Math.sqrt(hidden);
        double[][] w1 = gaussianMatrix(hidden, inputs, sd1, random);
        double[] b1 = gaussianMatrix(1, hidden, 0.5, random)[0];
        double[][] w2 = gaussianMatrix(outputs, hidden, sd2, random);
        return new TanhTeacher(inputs, w1, b1, w2, new double[outputs]);
    }

    /** The class the teacher assigns to the input stored at {@code x[at .. at + inputs)}. */
    int label(float[] x, int at) {
        return argmax(logits(x, at), b2);
    }

    /** Logits without the output bias. */
    private double[] logits(float[] x, int at) {
        double[] h = new double[w1.length];
        for (int j = 0; j < h.length; j++) {
            double s = b1[j];
            for (int i = 0; i < inputs; i++) {
                s += w1[j][i] * x[at + i];
            }
            h[j] = Math.tanh(s);
        }
        double[] logits = new double[w2.length];
        for (int k = 0; k < logits.length; k++) {
            for (int j = 0; j < h.length; j++) {
                logits[k] += w2[k][j] * h[j];
            }
        }
        return logits;
    }

    /**
     * Sets the output biases so that on the given sample (n inputs, row-major) each class is the
     * argmax about equally often: a few hundred steps that raise the bias of classes winning too
     * rarely and lower it for those winning too often, with a shrinking step so the shares settle.
     */
    void balance(float[] x, int n) {
        int k = b2.length;
        double[][] raw = new double[n][];
        double spread = 0;
        for (int s = 0; s < n; s++) {
            raw[s] = logits(x, s * inputs);
            for (double v : raw[s]) {
                spread += v * v;
            }
        }
        spread = Math.sqrt(spread / ((double) n * k)); // typical logit size sets the step scale
        for (int step = 0; step < 400; step++) {
            int[] wins = new int[k];
            for (double[] l : raw) {
                wins[argmax(l, b2)]++;
            }
            double rate = 0.5 * spread / Math.sqrt(step + 1);
            for (int c = 0; c < k; c++) {
                b2[c] += rate * (1.0 - (double) wins[c] * k / n);
            }
        }
    }

    private static int argmax(double[] logits, double[] bias) {
        int best = 0;
        for (int c = 1; c < logits.length; c++) {
            if (logits[c] + bias[c] > logits[best] + bias[best]) {
                best = c;
            }
        }
        return best;
    }

    static double[][] gaussianMatrix(int rows, int cols, double sd, SplittableRandom random) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = sd * Synthetic.gaussian(random);
            }
        }
        return m;
    }
}
