package org.predspace.landscape;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.runs.Checkpoint;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.ProbeInfo;
import org.predspace.runs.Run;
import org.predspace.runs.RunWriter;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

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
    private static Run write(Path dir, int checkpoints, java.util.function.LongPredicate withParameters) throws Exception {
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
}
