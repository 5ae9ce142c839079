package org.predspace.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.predspace.runs.Fixtures.C;
import static org.predspace.runs.Fixtures.N;
import static org.predspace.runs.Fixtures.T;

/** Runs written by numpy open here, and runs written here load in numpy (fixtures/make_numpy_run.py). */
class NumpyInteropTest {
    @TempDir Path tmp;

    @Test
    void opensARunWrittenWithPlainNpSave() throws Exception {
        Run run = Run.open(Fixtures.path("numpy-run"));
        assertEquals("numpy fixture", run.name());
        assertEquals(C, run.classes());
        assertEquals(new ProbeInfo("fixture-probe-12", N, "train"), run.probe());
        assertEquals(RunStatus.FINISHED, run.status());
        assertFalse(run.interrupted());
        assertEquals(Map.of("optimizer", "sgd", "lr", 0.1, "layers", List.of(8, 8)), run.spec());
        assertEquals(Map.of(), run.summary());
        assertArrayEquals(new long[]{0, 10, 100, 1000}, run.steps());
        int[] labels = run.labels();
        for (int i = 0; i < N; i++) assertEquals(i * 7 % C, labels[i]);
        for (int t = 0; t < T; t++) {
            float[] p = run.predictions(t); // float64 in the file
            for (int i = 0; i < N; i++) {
                for (int c = 0; c < C; c++) assertEquals(Fixtures.prediction(t, i, c), p[i * C + c], 1e-6);
            }
        }
        assertFalse(run.hasTestSet());

        List<CheckpointMetrics> m = run.metrics(); // Python's csv, its own column order, 'nan'
        assertEquals(4, m.size());
        assertTrue(Double.isNaN(m.get(0).trainLoss()));
        assertEquals(new CheckpointMetrics(100, 1.0, 1.0 / 3, Double.NaN, Double.NaN, Double.NaN), m.get(2));

        assertArrayEquals(new long[]{100}, run.parameterSteps());
        assertArrayEquals(new float[]{-1f, -0.5f, 0f, 0.5f, 1f}, run.parameters(100)); // float64 in the file
    }

    @Test
    void runsWrittenHereLoadInNumpy() throws Exception {
        PythonWithNumpy python = PythonWithNumpy.require();
        // left running: numpy must cope with a live run too
        Path dir = SyntheticRun.SMALL.writeUnfinished(tmp.resolve("run"), 3);
        String out = python.run(Fixtures.path("check_run.py").toString(), dir.toString());
        assertEquals("ok 3 50 4 float32", out.strip());
    }
}
