package org.predspace.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.PythonWithNumpy;
import org.predspace.runs.Run;
import org.predspace.runs.ThreeArmsExample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Runs what docs/import.md tells people to run: docs/examples/write_run.py writes a run folder
 * with numpy, and the same arrays go through `predspace import`; both open, and hold the
 * example as re-done in Java. Needs a Python with numpy (CI has Debian's python3-numpy).
 */
class ExampleScriptTest {
    static final Path SCRIPT = Path.of("docs/examples/write_run.py");
    static final Path GUIDE = Path.of("docs/import.md");

    @TempDir Path tmp;

    @Test
    void theDocumentedScriptWritesARunAndItsArraysImportToTheSameRun() throws Exception {
        PythonWithNumpy python = PythonWithNumpy.require();
        Path written = tmp.resolve("written");
        Path arrays = tmp.resolve("arrays");
        python.run(SCRIPT.toString(), written.toString(), "--arrays", arrays.toString());
        ThreeArmsExample example = new ThreeArmsExample();
        Run direct = Run.open(written);
        example.assertHeldBy(direct, 1e-9, true);

        // the import guide's command line: no metrics given, so loss and accuracy come from the predictions
        Path imported = tmp.resolve("imported");
        CliRunner r = CliRunner.run("import", "--predictions", arrays.resolve("predictions.npy").toString(),
                "--labels", arrays.resolve("labels.npy").toString(), "--steps", arrays.resolve("steps.npy").toString(),
                "--held-out-predictions", arrays.resolve("held_out_predictions.npy").toString(),
                "--held-out-labels", arrays.resolve("held_out_labels.npy").toString(),
                "--name", ThreeArmsExample.NAME, "--probe-id", ThreeArmsExample.PROBE_ID,
                "--architecture", "softmax-regression", "--optimizer", "gd", "--lr", "1", "--out", imported.toString());
        assertEquals(0, r.exitCode(), r.err());
        Run run = Run.open(imported);
        example.assertHeldBy(run, 1e-6, false);
        for (int t = 0; t < direct.checkpointCount(); t++) {
            assertArrayEquals(direct.predictions(t), run.predictions(t), "float64 arrays rounded to float32 alike, checkpoint " + t);
            assertArrayEquals(direct.testPredictions(t), run.testPredictions(t));
        }

        // with the script's metrics.csv as the log, the imported metrics are the script's, epochs included
        Path withLog = tmp.resolve("with-log");
        CliRunner logged = CliRunner.run("import", "--predictions", arrays.resolve("predictions.npy").toString(),
                "--labels", arrays.resolve("labels.npy").toString(), "--steps", arrays.resolve("steps.npy").toString(),
                "--metrics", written.resolve("metrics.csv").toString(),
                "--name", "logged", "--probe-id", ThreeArmsExample.PROBE_ID, "--out", withLog.toString());
        assertEquals(0, logged.exitCode(), logged.err());
        List<CheckpointMetrics> expected = direct.metrics();
        List<CheckpointMetrics> actual = Run.open(withLog).metrics();
        assertEquals(expected, actual);
    }

    @Test
    void theGuideQuotesTheWriterAsTheScriptHasIt() throws Exception {
        String script = Files.readString(SCRIPT);
        int start = script.indexOf("METRIC_COLUMNS = ");
        int end = script.indexOf("\n\n\n", script.indexOf("def write_run("));
        assertTrue(start >= 0 && end > start, "write_run is in the script");
        String writer = script.substring(start, end);
        assertTrue(Files.readString(GUIDE).contains(writer), "docs/import.md quotes write_run from " + SCRIPT
                + " word for word; copy it again after changing the script");
    }
}
