package org.predspace.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class RunRoundTripTest {
    @TempDir Path tmp;

    @Test
    void everythingWrittenIsReadBack() throws Exception {
        SyntheticRun content = SyntheticRun.SMALL;
        Path dir = tmp.resolve("run");
        try (RunWriter w = content.create(dir)) {
            for (int i = 0; i < 6; i++) w.append(content.checkpoint(SyntheticRun.step(i)));
            assertEquals(6, w.checkpointCount());
            w.finish(RunStatus.FINISHED, Map.of("test_accuracy", 0.75, "epochs", 3));
        }

        Run run = Run.open(dir);
        assertEquals("synthetic", run.name());
        assertEquals(content.classes(), run.classes());
        assertEquals(content.probe(), run.probe());
        assertEquals(RunStatus.FINISHED, run.status());
        assertFalse(run.interrupted());
        assertTrue(run.statusMessage().startsWith("Finished after 6 checkpoints"), run.statusMessage());
        assertEquals(Map.of("seed", 7, "lr", 0.05, "layers", List.of(16, 8)), run.spec());
        assertEquals(Map.of("test_accuracy", 0.75, "epochs", 3), run.summary());
        assertNotNull(run.manifest().created());
        assertNotNull(run.manifest().finished());
        assertArrayEquals(new long[]{10, 20, 30, 40, 50, 60}, run.steps());
        assertArrayEquals(content.probeLabels(), run.labels());
        assertArrayEquals(content.testLabels(), run.testLabels());
        assertTrue(run.hasTestSet());
        assertEquals(6, run.checkpointCount());
        for (int t = 0; t < 6; t++) {
            Checkpoint expected = content.checkpoint(run.steps()[t]);
            assertArrayEquals(expected.probePredictions(), run.predictions(t), "checkpoint " + t);
            assertArrayEquals(expected.testPredictions(), run.testPredictions(t), "checkpoint " + t);
            float[] sqrt = run.sqrtPredictions(t);
            assertEquals(Math.sqrt(expected.probePredictions()[3]), sqrt[3], 1e-7);
        }
        List<CheckpointMetrics> metrics = run.metrics();
        assertEquals(6, metrics.size());
        for (int t = 0; t < 6; t++) assertEquals(SyntheticRun.metrics(SyntheticRun.step(t)), metrics.get(t));
        assertTrue(Double.isNaN(metrics.get(0).testLoss()), "NaN (not measured) survives the round trip");
        assertArrayEquals(new long[]{30, 60}, run.parameterSteps());
        assertArrayEquals(content.parameters(30), run.parameters(30));
        assertArrayEquals(content.parameters(60), run.parameters(60));
        assertThrows(IllegalArgumentException.class, () -> run.parameters(20));
    }

    @Test
    void runWithoutTestSetOrCheckpointsOpens() throws Exception {
        SyntheticRun content = new SyntheticRun(5, -1, 3, 4);
        Path dir = tmp.resolve("bare");
        try (RunWriter w = content.create(dir)) {
            assertEquals(0, w.checkpointCount());
        }
        Run empty = Run.open(dir);
        assertEquals(0, empty.checkpointCount());
        assertTrue(empty.interrupted());
        assertTrue(empty.statusMessage().contains("before its first checkpoint"), empty.statusMessage());
        assertFalse(empty.hasTestSet());
        assertEquals(0, empty.testLabels().length);
        assertEquals(List.of(), empty.metrics());
    }

    @Test
    void accessorsReturnCopies() throws Exception {
        SyntheticRun content = SyntheticRun.SMALL;
        Run run = Run.open(content.writeUnfinished(tmp.resolve("run"), 1));
        run.predictions(0)[0] = 99f;
        run.labels()[0] = 99;
        run.steps()[0] = 99;
        assertEquals(content.checkpoint(10).probePredictions()[0], run.predictions(0)[0]);
        assertEquals(content.probeLabels()[0], run.labels()[0]);
        assertEquals(10, run.steps()[0]);
        assertThrows(UnsupportedOperationException.class, () -> run.spec().put("x", 1));
    }
}
