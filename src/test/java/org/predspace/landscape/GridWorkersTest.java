package org.predspace.landscape;

import org.junit.jupiter.api.Test;
import org.predspace.data.Dataset;
import org.predspace.data.InputShape;
import org.predspace.platform.JobMonitor;
import org.predspace.spectra.CheckpointModel;
import org.predspace.spectra.Samples;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.engine.NetworkFactory;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.TrainingSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.*;

/** PlaneLandscape.evaluate on several workers: the same grid as on one, and a cancel leaves no worker behind. */
class GridWorkersTest {
    private static final InputShape FOUR = InputShape.tabular(4);
    private static final TrainingSpec MLP = TrainingSpec.builder("blobs").architecture(Architecture.MLP).hiddenLayers(1).width(6).seed(2).build();

    private static PlaneSlice slice() {
        NativeBackend.configure();
        double[] origin = NetworkFactory.build(MLP, FOUR, 3, 1).params().dup().data().asDouble();
        return PlaneSlice.filterNormalized(ParameterLayout.of(MLP, FOUR, 3), origin, 5, new long[0], new double[0][]);
    }

    private static Samples samples() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 30;
        float[] x = new float[n * 4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int k = 0; k < 4; k++) x[i * 4 + k] = (float) r.nextGaussian();
        }
        return Samples.first(new Dataset("blobs", x, y, 3, FOUR, Dataset.numberedClassNames(3)), n);
    }

    private static CheckpointModel model(PlaneSlice slice) {
        return CheckpointModel.of(MLP, FOUR, 3, new float[slice.origin().length]);
    }

    @Test
    void threeWorkersFillTheGridAsOneDoesPassByPass() {
        PlaneSlice slice = slice();
        double[] axis = PlaneLandscape.axis(slice, 0, 13);
        Samples s = samples();
        PlaneGrid one = PlaneLandscape.evaluate(model(slice), slice, axis, axis, s, s, JobMonitor.silent(), g -> {}, 1);
        List<Integer> evaluated = new ArrayList<>();
        PlaneGrid three = PlaneLandscape.evaluate(model(slice), slice, axis, axis, s, s, JobMonitor.silent(),
                g -> evaluated.add(g.evaluatedCells()), 3);
        assertTrue(three.isComplete());
        for (int i = 0; i < axis.length; i++) {
            assertArrayEquals(one.trainLoss()[i], three.trainLoss()[i], 0, "row " + i);
            assertArrayEquals(one.testAccuracy()[i], three.testAccuracy()[i], 0, "row " + i);
        }
        // 13 points per axis: strides 4, 2, 1 take rows {0, 4, 8, 12}, then every even one, then all
        assertEquals(List.of(16, 49, 169), evaluated);
    }

    @Test
    void aCancelStopsEveryWorkerAndIsThrownToTheCaller() {
        PlaneSlice slice = slice();
        double[] axis = PlaneLandscape.axis(slice, 0, 25);
        JobMonitor[] monitor = new JobMonitor[1];
        int[] reports = new int[1];
        monitor[0] = new JobMonitor((fraction, stage) -> {
            if (++reports[0] == 40) monitor[0].cancel();
        });
        assertThrows(CancellationException.class, () -> PlaneLandscape.evaluate(model(slice), slice, axis, axis, samples(), null,
                monitor[0], g -> {}, 2));
        assertTrue(reports[0] < 625, "stopped early, after " + reports[0] + " models");
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.getName().startsWith("predspace-landscape-grid-")) continue;
            assertDoesNotThrow(() -> t.join(5_000));
            assertFalse(t.isAlive(), "worker " + t.getName() + " outlived the call");
        }
    }

    @Test
    void aFailureInAWorkerReachesTheCaller() {
        PlaneSlice slice = slice();
        double[] axis = PlaneLandscape.axis(slice, 0, 5);
        CheckpointModel wrong = CheckpointModel.of(MLP, FOUR, 3, new float[slice.origin().length]);
        Samples badRows = new Samples(new float[3 * 5], new int[] {0, 1, 7}, 3, 5);   // 5 features for a 4-input network
        RuntimeException e = assertThrows(RuntimeException.class, () -> PlaneLandscape.evaluate(wrong, slice, axis, axis, badRows, null,
                JobMonitor.silent(), g -> {}, 2));
        assertNotNull(e.getMessage());
    }
}
