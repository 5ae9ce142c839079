package org.predspace.geometry.trajectory;

import org.junit.jupiter.api.Test;
import org.predspace.geometry.distance.ProbeShape;
import org.predspace.geometry.distance.SqrtProbabilities;
import org.junit.jupiter.api.Tag;
import org.predspace.runs.PythonWithNumpy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * [A]'s arc-length progress against [D]'s d_B progress on cases small enough to solve by hand:
 * with two classes every sample's sqrt-probabilities lie on a quarter circle, the geodesic from
 * ignorance (angle pi/4 from the label's axis) to truth (angle 0) runs along it, and a sample at
 * angle phi sits exactly at progress tau = 1 - phi / (pi/4).
 */
@Tag("slow")
class ProgressObjectiveTest {
    private static final double QUARTER = Math.PI / 4;

    /** Probabilities (p, 1 - p) per sample, label 0, whose own progress on the circle is tau. */
    private static SqrtProbabilities onCircle(double... tau) {
        float[] p = new float[2 * tau.length];
        for (int s = 0; s < tau.length; s++) {
            double phi = QUARTER * (1 - tau[s]);
            p[2 * s] = (float) (Math.cos(phi) * Math.cos(phi));
            p[2 * s + 1] = (float) (Math.sin(phi) * Math.sin(phi));
        }
        return SqrtProbabilities.of("point", new ProbeShape("circle", tau.length, 2), p);
    }

    private static Progress progress(int samples, ProgressObjective objective) {
        return Progress.ignoranceToTruth(new ProbeShape("circle", samples, 2), new int[samples], objective);
    }

    @Test
    void arccosIsWithinItsStatedErrorOfTheLibrarysOnAllOfZeroToOne() {
        double worst = 0;
        for (int i = 0; i <= 1_000_000; i++) {
            double x = i / 1e6;
            worst = Math.max(worst, Math.abs(Progress.arccos(x) - Math.acos(x)));
        }
        for (double x : new double[] {1 - 1e-15, 1 - 1e-12, 1 - 1e-9}) {
            assertEquals(Math.acos(x), Progress.arccos(x), 2e-8 * Math.acos(x), "relative near 1, where the minimum sits");
        }
        assertTrue(worst < 2.2e-8, "largest error " + worst);
    }

    @Test
    void withOneSampleBothObjectivesFindTheSampleItself() {
        for (double tau : new double[] {0.1, 0.37, 0.8}) {
            for (ProgressObjective o : ProgressObjective.values()) {
                assertEquals(tau, progress(1, o).of(onCircle(tau)), 1e-5, o + " at " + tau);
            }
        }
        // beyond ignorance (more weight on the wrong class than uniform): clipped to 0, both
        for (ProgressObjective o : ProgressObjective.values()) assertEquals(0, progress(1, o).of(onCircle(-0.4)), 1e-6, o.name());
    }

    @Test
    void withThreeSamplesArcLengthTakesTheMedianAndBhattacharyyaIsPulledByTheFarSample() throws Exception {
        double[] tau = {0.2, 0.5, 0.95};
        // sum_n |pi/4 (t - tau_n)| is smallest at the median of the tau_n: closed form.
        double arc = progress(3, ProgressObjective.ARC_LENGTH).of(onCircle(tau));
        assertEquals(0.5, arc, 1e-5);
        // sum_n -log cos(pi/4 (t - tau_n)): no closed form; numpy's brute force over a fine grid.
        String script = String.format(Locale.ROOT, """
                import numpy as np
                tau = np.array(%s)
                t = np.linspace(0, 1, 1000001)
                d = -np.log(np.cos(np.pi / 4 * (t[:, None] - tau[None, :]))).sum(1)
                print(repr(float(t[np.argmin(d)])))
                """, Arrays.toString(tau));
        double numpy = Double.parseDouble(PythonWithNumpy.require().run("-c", script).trim());
        double bhattacharyya = progress(3, ProgressObjective.BHATTACHARYYA).of(onCircle(tau));
        assertEquals(numpy, bhattacharyya, 1e-5);
        assertTrue(bhattacharyya - arc > 0.04, "the two choices differ here: [D] " + bhattacharyya + ", [A] " + arc);
    }

    @Test
    void arcLengthProgressMatchesNumpyOnRandomPredictionsOverTenClasses() throws Exception {
        int samples = 6;
        int classes = 10;
        Random random = new Random(5);
        int[] labels = new int[samples];
        float[][] points = new float[4][samples * classes];
        for (int s = 0; s < samples; s++) labels[s] = random.nextInt(classes);
        for (float[] p : points) {
            for (int s = 0; s < samples; s++) {
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    // leaning towards the label, by a different amount per sample
                    double v = random.nextDouble() + (c == labels[s] ? 4 * random.nextDouble() : 0);
                    p[s * classes + c] = (float) v;
                    sum += v;
                }
                for (int c = 0; c < classes; c++) p[s * classes + c] /= (float) sum;
            }
        }
        StringBuilder rows = new StringBuilder("[");
        for (float[] p : points) rows.append(Arrays.toString(p)).append(',');
        rows.append(']');
        // [A]'s objective written out directly: the slerped geodesic, per-sample overlaps, summed arccos.
        String script = String.format(Locale.ROOT, """
                import numpy as np
                C = %d
                y = np.array(%s)
                P = np.array(%s, dtype=np.float32).astype(np.float64).reshape(-1, len(y), C)
                a = np.full(C, 1 / np.sqrt(C))
                b = np.eye(C)[y]
                th = np.arccos(1 / np.sqrt(C))
                t = np.linspace(0, 1, 200001)
                for p in P:
                    r = np.sqrt(p)
                    g = (np.sin((1 - t) * th)[:, None, None] * a + np.sin(t * th)[:, None, None] * b) / np.sin(th)
                    obj = np.arccos(np.clip((g * r).sum(-1), 0, 1)).sum(1)
                    print(repr(float(t[np.argmin(obj)])))
                """, classes, Arrays.toString(labels), rows);
        String[] numpy = PythonWithNumpy.require().run("-c", script).trim().split("\\s+");
        Progress arc = Progress.ignoranceToTruth(new ProbeShape("random", samples, classes), labels, ProgressObjective.ARC_LENGTH);
        Progress db = Progress.ignoranceToTruth(new ProbeShape("random", samples, classes), labels);
        double largestDifference = 0;
        for (int i = 0; i < points.length; i++) {
            SqrtProbabilities q = SqrtProbabilities.of("p" + i, arc.geodesic().from().shape(), points[i]);
            assertEquals(Double.parseDouble(numpy[i]), arc.of(q), 2e-5, "point " + i);
            largestDifference = Math.max(largestDifference, Math.abs(arc.of(q) - db.of(q)));
        }
        assertTrue(largestDifference > 1e-3, "[A] and [D] disagree somewhere on uneven samples: " + largestDifference);
    }
}
