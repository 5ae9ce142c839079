package org.predspace.landscape;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DatasetCatalog;
import org.predspace.runs.Checkpoint;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.ProbeInfo;
import org.predspace.runs.Run;
import org.predspace.runs.RunWriter;
import org.predspace.spectra.RunCheckpoint;
import org.predspace.training.TrainingRun;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.TrainingSpec;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongPredicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunTrajectoryPlaneTest {
    private static final int PARAMETERS = 40;

    private static float[] parameters(long step) {
        SplittableRandom r = new SplittableRandom(step);
        float[] p = new float[PARAMETERS];
        for (int i = 0; i < p.length; i++) p[i] = (float) (r.nextGaussian() + step / 10.0 * (i % 3));
        return p;
    }

    /** Checkpoints at steps 10, 20, ...; a snapshot at the steps {@code withParameters} says. */
    private static Run write(Path dir, int checkpoints, LongPredicate withParameters) throws Exception {
        try (RunWriter w = RunWriter.create(dir, "plane", 2, new ProbeInfo("two", 2, "train"), Map.of("seed", 1),
                new int[] {0, 1}, null)) {
            for (int i = 1; i <= checkpoints; i++) {
                long step = 10L * i;
                w.append(new Checkpoint(new CheckpointMetrics(step, i, 1.0 / i, 0.5, Double.NaN, 0.1),
                        new float[] {0.5f, 0.5f, 0.5f, 0.5f}, null, withParameters.test(step) ? parameters(step) : null));
            }
        }
        return Run.open(dir);
    }

    @Test
    void usesEverySnapshotOfTheRunInOrderWithTheLastAsOrigin(@TempDir Path dir) throws Exception {
        Run run = write(dir, 9, step -> step % 20 == 0);   // snapshots at 20, 40, 60, 80
        RunTrajectoryPlane r = RunTrajectoryPlane.of(run);
        assertArrayEquals(new long[] {20, 40, 60, 80}, r.steps());
        double[][] snapshots = new double[4][PARAMETERS];
        for (int i = 0; i < 4; i++) for (int j = 0; j < PARAMETERS; j++) snapshots[i][j] = parameters(20L * (i + 1))[j];
        TrajectoryPlane expected = TrajectoryPlane.of(snapshots);
        assertEquals(expected.varianceExplained(), r.plane().varianceExplained(), 1e-12);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(expected.coordinates(i), r.plane().coordinates(i), 1e-12);
            assertEquals(expected.offPlane(i), r.plane().offPlane(i), 1e-12);
        }
        assertArrayEquals(new double[] {0, 0}, r.plane().coordinates(3), 1e-12, "the last snapshot is the origin");
    }

    @Test
    void aRunWithTooFewSnapshotsIsRefusedWithTheCount(@TempDir Path dir) throws Exception {
        Run run = write(dir, 4, step -> step == 40 || step == 20);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunTrajectoryPlane.of(run));
        assertTrue(e.getMessage().contains("run plane has 2 parameter snapshots"), e.getMessage());
    }

    /**
     * A batch-norm network's trajectory plane: its running statistics drift with the weights but
     * are recomputed at every model, so the plane is the PCA of the snapshots with them held at
     * the last snapshot's values, and its directions are 0 there.
     */
    @Test
    void aBatchNormRunsTrajectoryPlaneLeavesTheRunningStatisticsOut(@TempDir Path dir) throws Exception {
        DatasetCatalog catalog = new DatasetCatalog();
        TrainingSpec spec = TrainingSpec.builder("iris")
                .architecture(Architecture.MLP).hiddenLayers(1).width(6).batchNorm(true).epochs(2).checkpoints(5)
                .snapshots(SnapshotPolicy.ALL).build();
        new TrainingRun(spec, catalog.load("iris"), dir.resolve("bn"), e -> {}).execute();
        Run run = Run.open(dir.resolve("bn"));
        long[] steps = run.parameterSteps();
        RunCheckpoint last = RunCheckpoint.open(run, steps[steps.length - 1], catalog);
        int[] statistics = ParameterLayout.of(last.spec(), last.inputShape(), last.classes()).batchNormStatistics();
        assertEquals(2 * 6, statistics.length);

        PlaneSlice slice = RunPlane.trajectory(last);
        double[][] snapshots = RunTrajectoryPlane.snapshots(run, steps);
        assertArrayEquals(snapshots[steps.length - 1], slice.origin(), 0, "the origin is the last snapshot itself");
        for (double[] s : snapshots) for (int i : statistics) s[i] = snapshots[steps.length - 1][i];
        TrajectoryPlane expected = TrajectoryPlane.of(snapshots);
        assertEquals(expected.varianceExplained(), slice.varianceExplained(), 1e-12);
        for (int k = 0; k < steps.length; k++) {
            assertArrayEquals(expected.coordinates(k), slice.coordinates()[k], 1e-9);
            assertEquals(expected.offPlane(k), slice.offPlane()[k], 1e-9);
        }
        double drift = 0;
        double[] plain = RunTrajectoryPlane.of(run).plane().direction(0);
        for (int i : statistics) {
            assertEquals(0, slice.xDirection()[i], 0, "d_x at statistic " + i);
            assertEquals(0, slice.yDirection()[i], 0, "d_y at statistic " + i);
            drift = Math.max(drift, Math.abs(plain[i]));
        }
        assertTrue(drift > 1e-6, "without leaving them out the statistics take part of the first direction: " + drift);
    }
}
