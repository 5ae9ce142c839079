package org.predspace.data;

import java.util.SplittableRandom;

/**
 * Inputs in d = 200 dimensions whose covariance has eigenvalues b exp(-c i), i = 0 .. d-1, with
 * b = 50 c (so the total variance, about 50, hardly depends on c), labelled by a random tanh
 * teacher network ({@link TanhTeacher}). The eigenvectors are a random orthogonal basis Q (Haar,
 * by Gram-Schmidt of a Gaussian matrix) rather than the coordinate axes, so no optimiser can
 * exploit axis alignment: x = Q diag(sqrt(b exp(-c i))) z with z standard normal.
 * With c = 0.1 the spectrum spans b = 5 down to 5 e^-19.9 ~ 1e-8: a "sloppy" input space in
 * which only a few tens of directions matter. The teacher's output biases are tuned on a
 * separate sample so that classes are roughly balanced (a raw random teacher is not).
 */
public record SloppySynthetic(int dimensions, double decay, int hidden, int classes, int trainSize, int testSize) {
    /** Inputs on which the teacher's output biases are balanced; drawn from their own stream. */
    private static final int BALANCE_SAMPLE = 4000;

    public SloppySynthetic {
        Synthetic.requirePositive("dimensions", dimensions);
        Synthetic.requirePositive("hidden width", hidden);
        Synthetic.requirePositive("train size", trainSize);
        Synthetic.requirePositive("test size", testSize);
        if (classes < 2) {
            throw new IllegalArgumentException("need at least 2 classes, got " + classes);
        }
        if (!(decay > 0)) {
            throw new IllegalArgumentException("decay c must be positive, got " + decay);
        }
    }

    /** d = 200, c = 0.1, teacher width 100, 10 classes, 5,000 train / 1,000 test. */
    public static SloppySynthetic defaults() {
        return new SloppySynthetic(200, 0.1, 100, 10, 5000, 1000);
    }

    /** The leading eigenvalue b = 50 c. */
    public double scale() {
        return 50 * decay;
    }

    /** The i-th (0-based) eigenvalue of the input covariance, b exp(-c i). */
    public double eigenvalue(int i) {
        return scale() * Math.exp(-decay * i);
    }

    public DatasetSplit generate(String id, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] basis = randomOrthogonal(dimensions, random.split());
        double[] sd = new double[dimensions];
        double totalVariance = 0;
        for (int i = 0; i < dimensions; i++) {
            sd[i] = Math.sqrt(eigenvalue(i));
            totalVariance += eigenvalue(i);
        }
        TanhTeacher teacher = TanhTeacher.random(dimensions, hidden, classes, totalVariance, random.split());
        SplittableRandom calibration = random.split();
        float[] sample = new float[BALANCE_SAMPLE * dimensions];
        for (int s = 0; s < BALANCE_SAMPLE; s++) {
            drawInput(basis, sd, calibration, sample, s * dimensions);
        }
        teacher.balance(sample, BALANCE_SAMPLE);
        String description = "sloppy inputs in " + dimensions + "-D, covariance eigenvalues " + scale() + " exp(-" + decay
                + " i), labels from a random tanh teacher (" + hidden + " hidden units), seed " + seed;
        return Synthetic.split(id, "sloppy", description, classes, InputShape.tabular(dimensions), trainSize, testSize,
                random, (r, index, x, at) -> {
                    drawInput(basis, sd, r, x, at);
                    return teacher.label(x, at);
                });
    }

    /** x = Q diag(sd) z, written to {@code x[at .. at + d)}. */
    private static void drawInput(double[][] basis, double[] sd, SplittableRandom random, float[] x, int at) {
        int d = sd.length;
        double[] u = new double[d];
        for (int i = 0; i < d; i++) {
            u[i] = sd[i] * Synthetic.gaussian(random);
        }
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (int i = 0; i < d; i++) {
                s += basis[j][i] * u[i];
            }
            x[at + j] = (float) s;
        }
    }

    /** Columns of a Gaussian matrix orthonormalised by modified Gram-Schmidt: a Haar-random rotation. */
    static double[][] randomOrthogonal(int n, SplittableRandom random) {
        double[][] cols = TanhTeacher.gaussianMatrix(n, n, 1, random); // cols[k] is column k
        for (int k = 0; k < n; k++) {
            for (int p = 0; p < k; p++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += cols[p][i] * cols[k][i];
                }
                for (int i = 0; i < n; i++) {
                    cols[k][i] -= dot * cols[p][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += cols[k][i] * cols[k][i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                cols[k][i] /= norm;
            }
        }
        double[][] q = new double[n][n]; // q[j][i] = component j of column i
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                q[j][i] = cols[i][j];
            }
        }
        return q;
    }
}
