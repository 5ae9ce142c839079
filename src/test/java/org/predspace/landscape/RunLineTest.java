package org.predspace.landscape;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DatasetCatalog;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.Run;
import org.predspace.spectra.RunCheckpoint;
import org.predspace.training.TrainingRun;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.TrainingSpec;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class RunLineTest {
    @TempDir static Path tmp;
    static Run run;
    static final DatasetCatalog CATALOG = new DatasetCatalog();

    @BeforeAll
    static void trainAnMlpOnDigits() throws Exception {
        run = trained("run", false, 300);
    }

    /** One epoch of a small MLP on digits, with parameter snapshots at a few checkpoints. */
    private static Run trained(String name, boolean batchNorm, int probeSize) throws Exception {
        TrainingSpec spec = TrainingSpec.builder("digits").architecture(Architecture.MLP).width(16).epochs(1)
                .batchNorm(batchNorm).probeSize(probeSize).checkpoints(4).snapshots(SnapshotPolicy.SPARSE).build();
        new TrainingRun(spec, CATALOG.load("digits"), tmp.resolve(name), e -> {}).execute();
        return Run.open(tmp.resolve(name));
    }

    @Test
    void theEndsOfALineFromInitialisationToTheEndAreTheRecordedMetrics() throws Exception {
        long[] saved = run.parameterSteps();
        assertTrue(saved.length >= 2, "the run kept snapshots at " + Arrays.toString(saved));
        long first = saved[0];
        long last = saved[saved.length - 1];
        LinePath line = RunLine.between(RunCheckpoint.open(run, first, CATALOG), RunCheckpoint.open(run, last, CATALOG),
                new double[] {0, 0.5, 1});
        CheckpointMetrics atFirst = metricsAt(first);
        CheckpointMetrics atLast = metricsAt(last);
        LinePath.Point start = line.points().get(0);
        LinePath.Point end = line.points().get(2);
        // metrics.csv holds the float network's figures; the line evaluates in double precision
        assertEquals(atFirst.trainLoss(), start.trainLoss(), 1e-5);
        assertEquals(atFirst.trainAccuracy(), start.trainAccuracy(), 1e-9);
        assertEquals(atFirst.testLoss(), start.testLoss(), 1e-5);
        assertEquals(atLast.trainLoss(), end.trainLoss(), 1e-5);
        assertEquals(atLast.trainAccuracy(), end.trainAccuracy(), 1e-9);
        assertEquals(atLast.testLoss(), end.testLoss(), 1e-5);
        assertEquals(atLast.testAccuracy(), end.testAccuracy(), 1e-9);
        assertTrue(end.trainLoss() < start.trainLoss(), "training lowered the loss");
    }

    @Test
    void aBatchNormRunsLineRecomputesTheStatisticsWhereTrainingKeptRunningAverages() throws Exception {
        Run bn = trained("bn", true, 60);
        long[] saved = bn.parameterSteps();
        RunCheckpoint first = RunCheckpoint.open(bn, saved[0], CATALOG);
        RunCheckpoint last = RunCheckpoint.open(bn, saved[saved.length - 1], CATALOG);
        LinePath line = RunLine.between(first, last, new double[] {0, 0.5, 1});
        LinePath.Point end = line.points().get(2);
        assertTrue(end.trainLoss() < line.points().get(0).trainLoss(), "training lowered the loss");
        // the last checkpoint's running averages lag its weights; recomputed statistics fit them,
        // and the loss is near (not equal to) the recorded one
        assertEquals(metricsAt(bn, saved[saved.length - 1]).trainLoss(), end.trainLoss(), 0.5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, last::model);
        assertTrue(e.getMessage().startsWith("spectra need per-sample gradients"), "spectra still refuse batch norm: " + e.getMessage());
    }

    private static CheckpointMetrics metricsAt(long step) {
        return metricsAt(run, step);
    }

    private static CheckpointMetrics metricsAt(Run run, long step) {
        return run.metrics().stream().filter(m -> m.step() == step).findFirst()
                .orElseThrow(() -> new AssertionError("no metrics at step " + step));
    }
}
