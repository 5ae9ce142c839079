package org.predspace.geometry.distance;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistanceMatrixTest {
    /** Plain double-precision d_B with one log per sample, written independently of the kernel. */
    static double naive(SqrtProbabilities u, SqrtProbabilities v) {
        double sum = 0;
        for (int n = 0; n < u.samples(); n++) {
            double bc = 0;
            for (int c = 0; c < u.classes(); c++) bc += (double) u.sqrt(n, c) * v.sqrt(n, c);
            sum += Math.log(Math.max(bc, 1e-6));
        }
        return -sum / u.samples();
    }

    @Test
    void fastKernelEqualsNaiveReferenceIncludingNearZeroProbabilities() {
        ProbeShape shape = new ProbeShape("probe", 301, 10);
        List<SqrtProbabilities> pts = new ArrayList<>(TestPoints.random(3, shape, 150, 1.0));
        pts.addAll(TestPoints.random(4, shape, 150, 8.0)); // spread 8: many p below 1e-10
        int[] labels = TestPoints.labels(5, 301, 10);
        pts.add(Anchors.truth(shape, labels));
        pts.add(Anchors.ignorance(shape));
        DistanceMatrix d = DistanceMatrix.of(pts, Parallelism.of(2));
        double worst = 0;
        for (int i = 0; i < pts.size(); i++) {
            for (int j = 0; j < pts.size(); j++) {
                double ref = i == j ? 0 : naive(pts.get(i), pts.get(j));
                double err = Math.abs(d.get(i, j) - ref) / Math.max(ref, 1e-3);
                worst = Math.max(worst, err);
            }
        }
        assertTrue(worst < 1e-6, "worst relative error " + worst);
    }

    /**
     * The kernel sums the classes in passes whose layout depends on C (a first pass of one or
     * two classes, passes of four, a last pass of four or two that multiplies into the
     * products; C = 2 in one pass): every layout against the naive reference.
     */
    @Test
    void everyNumberOfClassesGivesTheNaiveDistances() {
        for (int classes = 2; classes <= 11; classes++) {
            ProbeShape shape = new ProbeShape("probe", 23, classes);
            List<SqrtProbabilities> pts = TestPoints.random(classes, shape, 37, 3.0);
            DistanceMatrix d = DistanceMatrix.of(pts, Parallelism.serial());
            double worst = 0;
            for (int i = 0; i < pts.size(); i++) {
                for (int j = 0; j < i; j++) {
                    double ref = naive(pts.get(i), pts.get(j));
                    worst = Math.max(worst, Math.abs(d.get(i, j) - ref) / Math.max(ref, 1e-3));
                }
            }
            assertTrue(worst < 1e-6, "C = " + classes + ": worst relative error " + worst);
        }
    }

    @Test
    void clampedPairsStayFiniteInTheFastKernel() {
        ProbeShape shape = new ProbeShape("probe", 100, 10);
        int[] labels = TestPoints.labels(6, 100, 10);
        int[] wrongLabels = new int[100];
        for (int n = 0; n < 100; n++) wrongLabels[n] = (labels[n] + 1) % 10;
        SqrtProbabilities truth = Anchors.truth(shape, labels);
        SqrtProbabilities wrong = Anchors.truth(shape, wrongLabels).withRun("wrong");
        DistanceMatrix d = DistanceMatrix.of(List.of(truth, wrong), Parallelism.serial());
        assertEquals(-Math.log(1e-6), d.get(0, 1), 1e-5);
    }

    @Test
    void incrementalAdditionsEqualOneBatchAndCountOneLogPerPair() {
        ProbeShape shape = new ProbeShape("probe", 77, 7);
        List<SqrtProbabilities> pts = TestPoints.random(7, shape, 600, 2.0);
        DistanceMatrix batch = DistanceMatrix.of(pts, Parallelism.of(2));
        DistanceMatrix grown = new DistanceMatrix(shape, Parallelism.serial());
        grown.addAll(pts.subList(0, 250));
        for (int i = 250; i < 600; i++) {
            double[] row = grown.add(pts.get(i));
            assertEquals(i, row.length);
            assertEquals(batch.get(i, 17), row[17], 0);
        }
        assertEquals(600L * 599 / 2, batch.logsComputed());
        assertEquals(600L * 599 / 2, grown.logsComputed());
        double[] a = batch.toArray();
        double[] b = grown.toArray();
        for (int k = 0; k < a.length; k++) assertEquals(a[k], b[k], 0);
        for (int i = 0; i < 600; i += 37) {
            for (int j = 0; j < 600; j += 11) assertEquals(batch.get(i, j), batch.get(j, i), 0);
        }
    }

    @Test
    void aSourceReadInBlocksGivesTheSameMatrixAsItsPoints() {
        SyntheticTrajectories source = new SyntheticTrajectories(3, 100, 40, 10, 2, 8);
        DistanceMatrix fromSource = DistanceMatrix.of(source, Parallelism.of(2));
        DistanceMatrix fromPoints = DistanceMatrix.of(TestPoints.all(source), Parallelism.serial());
        assertEquals(300, fromSource.size());
        double[] a = fromSource.toArray();
        double[] b = fromPoints.toArray();
        for (int k = 0; k < a.length; k++) assertEquals(b[k], a[k], 0);
        assertEquals("run-2", fromSource.run(250));
    }

    @Test
    void addingACheckpointFromAnotherProbeSetIsRefused() {
        DistanceMatrix d = new DistanceMatrix(new ProbeShape("probe-a", 5, 3), Parallelism.serial());
        d.add(Anchors.ignorance(new ProbeShape("probe-a", 5, 3)).withRun("first"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.add(Anchors.ignorance(new ProbeShape("probe-b", 5, 3)).withRun("second")));
        assertTrue(e.getMessage().startsWith("runs first and second have different probe sets (ids probe-a, probe-b)"), e.getMessage());
        assertEquals(1, d.size());
    }
}
