package org.predspace.landscape;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DatasetCatalog;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.Run;
import org.predspace.spectra.RunCheckpoint;
import org.predspace.training.Architecture;
import org.predspace.training.SnapshotPolicy;
import org.predspace.training.TrainingRun;
import org.predspace.training.TrainingSpec;

import java.nio.file.Path;

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
        assertTrue(saved.length >= 2, "the run kept snapshots at " + java.util.Arrays.toString(saved));
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
    void batchNormRunsAreRefusedBeforeAnyNetworkIsBuilt() throws Exception {
        Run bn = trained("bn", true, 60);
        RunCheckpoint cp = RunCheckpoint.open(bn, RunCheckpoint.resolveStep(bn, "last"), CATALOG);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunLine.between(cp, cp, LinePath.defaultAlphas()));
        assertTrue(e.getMessage().startsWith("the loss line does not support batch norm"), e.getMessage());
    }

    private static CheckpointMetrics metricsAt(long step) {
        return run.metrics().stream().filter(m -> m.step() == step).findFirst()
                .orElseThrow(() -> new AssertionError("no metrics at step " + step));
    }
}
