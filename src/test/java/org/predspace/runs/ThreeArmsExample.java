package org.predspace.runs;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/examples/write_run.py's example re-done in Java from its description, so tests can check
 * what the script wrote against numbers it did not compute: softmax regression, weights from
 * zero, full-batch gradient descent at learning rate 1 on 24 points on three arms (the outermost
 * point of each class mislabelled), checkpoints at steps 0, 1, 2, 4, ..., 128, softmax outputs
 * on the 24 training points and on 12 held-out points.
 */
public final class ThreeArmsExample {
    public static final long[] STEPS = {0, 1, 2, 4, 8, 16, 32, 64, 128};
    public static final int C = 3, N = 24, M = 12;
    public static final String NAME = "three arms (numpy)";
    public static final String PROBE_ID = "three-arms-24";

    private final double[][][] probe = new double[STEPS.length][][];
    private final double[][][] heldOut = new double[STEPS.length][][];

    public ThreeArmsExample() {
        double[][] x = points(N, 0.0);
        double[][] xTest = points(M, 0.5);
        int[] y = labels();
        double[][] w = new double[2][C];
        double[] b = new double[C];
        for (int step = 0, t = 0; step <= STEPS[STEPS.length - 1]; step++) {
            double[][] p = softmax(x, w, b);
            if (step == STEPS[t]) {
                probe[t] = p;
                heldOut[t++] = softmax(xTest, w, b);
            }
            double[][] gw = new double[2][C];
            double[] gb = new double[C];
            for (int i = 0; i < N; i++) {
                for (int c = 0; c < C; c++) {
                    double g = (p[i][c] - (y[i] == c ? 1 : 0)) / N;
                    gw[0][c] += x[i][0] * g;
                    gw[1][c] += x[i][1] * g;
                    gb[c] += g;
                }
            }
            for (int c = 0; c < C; c++) {
                w[0][c] -= gw[0][c];
                w[1][c] -= gw[1][c];
                b[c] -= gb[c];
            }
        }
    }

    /** Class i % 3 on the arm at angle 2 pi class / 3, wobbling by 0.35 sin(k + phase), radius 0.5 + 0.1 k, k = i / 3. */
    static double[][] points(int count, double phase) {
        double[][] x = new double[count][2];
        for (int i = 0; i < count; i++) {
            int k = i / C;
            double angle = 2 * Math.PI * (i % C) / C + 0.35 * Math.sin(k + phase);
            double r = 0.5 + 0.1 * k;
            x[i][0] = r * Math.cos(angle);
            x[i][1] = r * Math.sin(angle);
        }
        return x;
    }

    /** Training labels: i % 3, but the outermost point of each class (k = 7) carries the next class. */
    public static int[] labels() {
        int[] y = new int[N];
        for (int i = 0; i < N; i++) y[i] = i / C == 7 ? (i % C + 1) % C : i % C;
        return y;
    }

    public static int[] heldOutLabels() {
        int[] y = new int[M];
        for (int i = 0; i < M; i++) y[i] = i % C;
        return y;
    }

    private static double[][] softmax(double[][] x, double[][] w, double[] b) {
        double[][] p = new double[x.length][C];
        for (int i = 0; i < x.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < C; c++) {
                p[i][c] = x[i][0] * w[0][c] + x[i][1] * w[1][c] + b[c];
                max = Math.max(max, p[i][c]);
            }
            double sum = 0;
            for (int c = 0; c < C; c++) sum += p[i][c] = Math.exp(p[i][c] - max);
            for (int c = 0; c < C; c++) p[i][c] /= sum;
        }
        return p;
    }

    /** Probe probabilities at checkpoint t, [sample][class]. */
    public double[][] probe(int t) { return probe[t]; }

    public double[][] heldOut(int t) { return heldOut[t]; }

    /** Mean cross-entropy of rows p against labels y, computed here rather than by the code under test. */
    public static double loss(double[][] p, int[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) s -= Math.log(p[i][y[i]]);
        return s / y.length;
    }

    /** Share of rows whose first most probable class is the label. */
    public static double accuracy(double[][] p, int[] y) {
        int right = 0;
        for (int i = 0; i < y.length; i++) {
            int best = 0;
            for (int c = 1; c < C; c++) if (p[i][c] > p[i][best]) best = c;
            if (best == y[i]) right++;
        }
        return right / (double) y.length;
    }

    /**
     * Asserts that {@code run} holds this example: labels, steps, probe and held-out predictions
     * (float32 in the file, so within 1e-7), and metrics equal to loss and accuracy computed here.
     *
     * @param metricTolerance 1e-9 for metrics the script computed in float64, looser for metrics
     *                        computed from the stored float32 predictions
     * @param epochs          whether the metrics carry the script's epochs (= steps)
     */
    public void assertHeldBy(Run run, double metricTolerance, boolean epochs) {
        assertEquals(C, run.classes());
        assertEquals(new ProbeInfo(PROBE_ID, N, "train"), run.probe());
        assertEquals(RunStatus.FINISHED, run.status());
        assertArrayEquals(STEPS, run.steps());
        assertArrayEquals(labels(), run.labels());
        assertTrue(run.hasTestSet(), "the example has a held-out probe");
        assertArrayEquals(heldOutLabels(), run.testLabels());
        List<CheckpointMetrics> metrics = run.metrics();
        assertEquals(STEPS.length, metrics.size());
        for (int t = 0; t < STEPS.length; t++) {
            assertRows(probe[t], run.predictions(t), "probe, checkpoint " + t);
            assertRows(heldOut[t], run.testPredictions(t), "held-out, checkpoint " + t);
            CheckpointMetrics m = metrics.get(t);
            String at = "metrics at step " + STEPS[t];
            assertEquals(STEPS[t], m.step(), at);
            if (epochs) assertEquals(STEPS[t], m.epoch(), 0, at);
            assertEquals(loss(probe[t], labels()), m.trainLoss(), metricTolerance, at);
            assertEquals(accuracy(probe[t], labels()), m.trainAccuracy(), 0, at);
            assertEquals(loss(heldOut[t], heldOutLabels()), m.testLoss(), metricTolerance, at);
            assertEquals(accuracy(heldOut[t], heldOutLabels()), m.testAccuracy(), 0, at);
        }
    }

    private static void assertRows(double[][] expected, float[] actual, String what) {
        assertEquals(expected.length * C, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            for (int c = 0; c < C; c++) assertEquals(expected[i][c], actual[i * C + c], 1e-7, what + ", sample " + i + ", class " + c);
        }
    }
}
