package org.predspace.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The imprinted folder of a run: written with the checkpoints, read back as a view of the run. */
class ImprintedRunTest {
    @TempDir Path tmp;

    private static final ProbeInfo HEAD_PROBE = new ProbeInfo("task-probe", 2, "train");
    private static final ImprintInfo IMPRINT = new ImprintInfo(3, new ProbeInfo("shared-probe", 4, "train"),
            new ProbeInfo("prototypes", 6, "train"));

    private static float[] rows(int n, int classes, float first) {
        float[] p = new float[n * classes];
        for (int i = 0; i < n; i++) {
            p[i * classes] = first;
            for (int c = 1; c < classes; c++) p[i * classes + c] = (1 - first) / (classes - 1);
        }
        return p;
    }

    private RunWriter writer(Path dir, boolean withTest) throws Exception {
        return RunWriter.create(dir, "task-run", 2, HEAD_PROBE, Map.of(), new int[] {0, 1}, null,
                new ImprintedProbe(IMPRINT, new int[] {0, 1, 2, 0}, withTest ? new int[] {2, 2} : null));
    }

    @Test
    void imprintedPredictionsRoundTripWithTheirOwnClassesProbeAndScores() throws Exception {
        Path dir = tmp.resolve("run");
        try (RunWriter w = writer(dir, true)) {
            for (int t = 0; t < 3; t++) {
                float first = 0.2f + 0.3f * t;
                w.append(new Checkpoint(new CheckpointMetrics(10 * (t + 1), t, 0.5, 0.5, Double.NaN, Double.NaN),
                        rows(2, 2, 0.5f), null, null, rows(4, 3, first), rows(2, 3, first)));
            }
            w.finish(RunStatus.FINISHED, Map.of());
        }
        Run run = Run.open(dir);
        assertTrue(run.hasImprinted());
        assertEquals(2, run.classes());
        Run imprinted = run.imprinted();
        assertTrue(imprinted.isImprintedView());
        assertFalse(imprinted.hasImprinted(), "the view has no view of its own");
        assertEquals(3, imprinted.classes());
        assertEquals("shared-probe", imprinted.probe().id());
        assertArrayEquals(new int[] {0, 1, 2, 0}, imprinted.labels());
        assertArrayEquals(run.steps(), imprinted.steps());
        assertArrayEquals(rows(4, 3, 0.8f), imprinted.predictions(2));
        assertArrayEquals(new int[] {2, 2}, imprinted.testLabels());
        assertEquals(0, imprinted.parameterSteps().length);
        // checkpoint 2: p = (0.8, 0.1, 0.1) on every sample; labels 0,1,2,0 -> accuracy 1/2,
        // loss -(2 ln 0.8 + 2 ln 0.1) / 4; on the held-out labels 2,2: accuracy 0, loss -ln 0.1
        CheckpointMetrics m = imprinted.metrics().get(2);
        assertEquals(0.5, m.trainAccuracy(), 1e-12);
        assertEquals(-(2 * Math.log(0.8f) + 2 * Math.log(0.1f)) / 4, m.trainLoss(), 1e-6);
        assertEquals(0.0, m.testAccuracy(), 1e-12);
        assertEquals(-Math.log(0.1f), m.testLoss(), 1e-6);
        assertEquals(2.0, m.epoch(), 0);
    }

    @Test
    void aRunWithoutImprintedPredictionsSaysSoByName() throws Exception {
        Path dir = tmp.resolve("plain");
        try (RunWriter w = RunWriter.create(dir, "plain-run", 2, HEAD_PROBE, Map.of(), new int[] {0, 1}, null)) {
            w.append(new Checkpoint(new CheckpointMetrics(1, 0, 0.5, 0.5, Double.NaN, Double.NaN), rows(2, 2, 0.5f), null, null));
        }
        Run run = Run.open(dir);
        assertFalse(run.hasImprinted());
        RunFormatException e = assertThrows(RunFormatException.class, run::imprinted);
        assertTrue(e.getMessage().startsWith("plain-run has no imprinted predictions"), e.getMessage());
    }

    @Test
    void aCheckpointMustCarryValidImprintedRowsAndNothingIsWrittenOtherwise() throws Exception {
        Path dir = tmp.resolve("run");
        try (RunWriter w = writer(dir, false)) {
            CheckpointMetrics m = new CheckpointMetrics(1, 0, 0.5, 0.5, Double.NaN, Double.NaN);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> w.append(new Checkpoint(m, rows(2, 2, 0.5f), null, null)));
            assertTrue(e.getMessage().contains("imprinted predictions have no values"), e.getMessage());
            float[] bad = rows(4, 3, 0.5f);
            bad[4] = 0.9f;   // row 1 sums to 1.4
            e = assertThrows(IllegalArgumentException.class, () -> w.append(new Checkpoint(m, rows(2, 2, 0.5f), null, null, bad, null)));
            assertTrue(e.getMessage().contains("imprinted predictions"), e.getMessage());
            assertEquals(0, w.checkpointCount());
        }
        assertEquals(0, Run.open(dir).imprinted().checkpointCount());
        assertTrue(Files.exists(dir.resolve("imprinted/labels.npy")));
    }

    @Test
    void aBrokenImprintedFolderIsNamedWhenTheViewIsRead() throws Exception {
        Path dir = tmp.resolve("run");
        try (RunWriter w = writer(dir, false)) {
            w.append(new Checkpoint(new CheckpointMetrics(1, 0, 0.5, 0.5, Double.NaN, Double.NaN), rows(2, 2, 0.5f), null, null,
                    rows(4, 3, 0.5f), null));
        }
        Files.write(dir.resolve("imprinted/labels.npy"), Npy.encode(new int[] {0, 1, 7, 0}));
        Run run = Run.open(dir);   // the head's files are fine
        RunFormatException e = assertThrows(RunFormatException.class, run::imprinted);
        assertTrue(e.getMessage().contains("imprinted") && e.getMessage().contains("label 7"), e.getMessage());
    }
}
