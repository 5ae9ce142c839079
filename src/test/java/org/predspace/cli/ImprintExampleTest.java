package org.predspace.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.runs.ImprintInfo;
import org.predspace.runs.Npy;
import org.predspace.runs.ProbeInfo;
import org.predspace.runs.PythonWithNumpy;
import org.predspace.runs.Run;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Runs docs/examples/imprint_tasks.py, the import guide's example of runs on two tasks with
 * imprinted predictions: its runs open, share the imprinted picture (and only that one), hold
 * imprinted predictions that are softmax(-||phi - mu_c||^2) of the features it saved, and its
 * loose arrays import to the same run. With numpy alone (CI); the torch backend is compared
 * with the numpy one where torch is installed, and skipped elsewhere.
 */
@Tag("slow")
class ImprintExampleTest {
    static final Path SCRIPT = Path.of("docs/examples/imprint_tasks.py");
    static final int CLASSES = 10, SHARED_PROBE = 200, HELD_OUT = 150, PROTOTYPES = 200, CHECKPOINTS = 11;

    @TempDir Path tmp;

    @Test
    void theExampleWritesTwoTasksThatMeetOnlyInTheImprintedPicture() throws Exception {
        Path runs = tmp.resolve("runs"), arrays = tmp.resolve("arrays");
        PythonWithNumpy.require().run(SCRIPT.toString(), runs.toString(), "--backend", "numpy", "--arrays", arrays.toString());
        Path all = runs.resolve("all"), evenOdd = runs.resolve("even-odd");
        Run full = Run.open(all), grouped = Run.open(evenOdd);
        ImprintInfo expected = new ImprintInfo(CLASSES, new ProbeInfo("digits-shared-probe-200-seed0", SHARED_PROBE, "train"),
                new ProbeInfo("digits-prototypes-200-seed0", PROTOTYPES, "train"));
        for (Run run : List.of(full, grouped)) {
            assertEquals(expected, run.manifest().imprint(), run.name());
            assertEquals(CHECKPOINTS, run.imprinted().checkpointCount());
            assertEquals(HELD_OUT, run.imprinted().testLabels().length);
        }
        assertEquals(10, full.classes());
        assertEquals(2, grouped.classes());
        assertEquals("groups:0,2,4,6,8/1,3,5,7,9", grouped.spec().get("task"));
        assertEquals("even-odd", grouped.spec().get("task_preset"));
        assertNull(full.spec().get("task"), "the full problem records no task");
        assertArrayEquals(full.imprinted().labels(), grouped.imprinted().labels());
        // at step 0 both networks have the same body (the script draws the first layer first, from one
        // seed) and different heads: imprinting reads the body only, so they are the same point there
        assertArrayEquals(full.imprinted().predictions(0), grouped.imprinted().predictions(0));
        assertFalse(Arrays.equals(full.imprinted().predictions(1), grouped.imprinted().predictions(1)));

        assertThrows(IllegalArgumentException.class, () -> RunCollection.open(List.of(all, evenOdd)),
                "the heads have different classes and probes");
        assertEquals(2 * CHECKPOINTS, RunCollection.open(List.of(all, evenOdd), true).points().size());

        // the full task's network: its imprinted accuracy on the shared probe is close to its head's
        // (the head's probe is the shared probe there), far above chance at the end, and at chance-ish at the start
        Run view = full.imprinted();
        double head = full.metrics().get(CHECKPOINTS - 1).trainAccuracy();
        double imprinted = view.metrics().get(CHECKPOINTS - 1).trainAccuracy();
        assertEquals(full.probe().size(), view.probe().size());
        assertTrue(Math.abs(head - imprinted) < 0.1, "head " + head + ", imprinted " + imprinted);
        assertTrue(imprinted > 0.8, "imprinted " + imprinted);

        for (String task : List.of("all", "even-odd")) {
            Run run = Run.open(runs.resolve(task));
            assertImprintingOfSavedFeatures(arrays.resolve(task), run.imprinted().predictions(CHECKPOINTS - 1));
        }

        // the guide's import command line for the even-odd arrays gives the run the script wrote
        Path a = arrays.resolve("even-odd");
        Path imported = tmp.resolve("imported");
        CliRunner r = CliRunner.run("import", "--predictions", a.resolve("predictions.npy").toString(),
                "--labels", a.resolve("labels.npy").toString(), "--steps", a.resolve("steps.npy").toString(),
                "--held-out-predictions", a.resolve("held_out_predictions.npy").toString(),
                "--held-out-labels", a.resolve("held_out_labels.npy").toString(),
                "--imprinted-predictions", a.resolve("imprinted_predictions.npy").toString(),
                "--imprinted-labels", a.resolve("imprinted_labels.npy").toString(),
                "--imprinted-held-out-predictions", a.resolve("imprinted_held_out_predictions.npy").toString(),
                "--imprinted-held-out-labels", a.resolve("imprinted_held_out_labels.npy").toString(),
                "--imprinted-probe-id", "digits-shared-probe-200-seed0",
                "--prototypes-id", "digits-prototypes-200-seed0", "--prototypes-size", "200",
                "--name", "digits mlp even-odd (imported)", "--probe-id", "digits-even-odd-probe-200-seed0",
                "--spec", "task=groups:0,2,4,6,8/1,3,5,7,9", "--out", imported.toString());
        assertEquals(0, r.exitCode(), r.err());
        Run back = Run.open(imported);
        assertEquals(grouped.manifest().imprint(), back.manifest().imprint());
        for (int t = 0; t < CHECKPOINTS; t++) {
            assertArrayEquals(grouped.predictions(t), back.predictions(t), "float64 rounded to float32 alike, checkpoint " + t);
            assertArrayEquals(grouped.imprinted().predictions(t), back.imprinted().predictions(t));
            assertArrayEquals(grouped.imprinted().testPredictions(t), back.imprinted().testPredictions(t));
        }
        for (int t = 0; t < CHECKPOINTS; t++) {   // the same scores; epochs came only with the written run's metrics.csv
            var written = grouped.imprinted().metrics().get(t);
            var read = back.imprinted().metrics().get(t);
            assertEquals(List.of(written.trainLoss(), written.trainAccuracy(), written.testLoss(), written.testAccuracy()),
                    List.of(read.trainLoss(), read.trainAccuracy(), read.testLoss(), read.testAccuracy()));
        }
        assertEquals(2 * CHECKPOINTS, RunCollection.open(List.of(all, imported), true).points().size());
    }

    /** The torch backend computes the same run as the numpy one (both train in float64 from the same weights). */
    @Test
    void theTorchBackendWritesWhatTheNumpyOneWrites() throws Exception {
        PythonWithNumpy torch = PythonWithNumpy.requireModule("torch");
        PythonWithNumpy numpy = PythonWithNumpy.require();
        numpy.run(SCRIPT.toString(), tmp.resolve("numpy").toString(), "--backend", "numpy", "--tasks", "even-odd,digits-0-4");
        String out = torch.run(SCRIPT.toString(), tmp.resolve("torch").toString(), "--backend", "torch", "--tasks", "even-odd,digits-0-4");
        assertTrue(out.contains("even-odd (torch)"), out);
        for (String task : List.of("even-odd", "digits-0-4")) {
            Run n = Run.open(tmp.resolve("numpy").resolve(task)), t = Run.open(tmp.resolve("torch").resolve(task));
            assertEquals("torch", t.spec().get("backend"));
            for (int k = 0; k < CHECKPOINTS; k++) {
                assertClose(n.predictions(k), t.predictions(k), 1e-6, task + " head, checkpoint " + k);
                assertClose(n.imprinted().predictions(k), t.imprinted().predictions(k), 1e-6, task + " imprinted, checkpoint " + k);
                assertClose(n.imprinted().testPredictions(k), t.imprinted().testPredictions(k), 1e-6, task + " imprinted held-out " + k);
            }
        }
    }

    /**
     * Imprinting re-done here from the features the script saved for its last checkpoint:
     * mu_c the mean of the prototype features of class c, p(c | x) = softmax_c(-||phi(x) - mu_c||^2).
     */
    static void assertImprintingOfSavedFeatures(Path arrays, float[] stored) throws Exception {
        double[][] phi = matrix(arrays.resolve("features_probe.npy"));
        double[][] proto = matrix(arrays.resolve("features_prototypes.npy"));
        int[] protoLabels = Npy.readInts(arrays.resolve("prototype_labels.npy"), PROTOTYPES);
        int h = phi[0].length;
        double[][] mu = new double[CLASSES][h];
        int[] count = new int[CLASSES];
        for (int s = 0; s < proto.length; s++) {
            count[protoLabels[s]]++;
            for (int j = 0; j < h; j++) mu[protoLabels[s]][j] += proto[s][j];
        }
        for (int c = 0; c < CLASSES; c++) for (int j = 0; j < h; j++) mu[c][j] /= count[c];
        assertEquals(SHARED_PROBE * CLASSES, stored.length);
        for (int i = 0; i < phi.length; i++) {
            double[] logit = new double[CLASSES];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < CLASSES; c++) {
                double d2 = 0;
                for (int j = 0; j < h; j++) d2 += (phi[i][j] - mu[c][j]) * (phi[i][j] - mu[c][j]);
                logit[c] = -d2;
                max = Math.max(max, logit[c]);
            }
            double sum = 0;
            for (int c = 0; c < CLASSES; c++) sum += Math.exp(logit[c] - max);
            for (int c = 0; c < CLASSES; c++) {
                assertEquals(Math.exp(logit[c] - max) / sum, stored[i * CLASSES + c], 1e-6, arrays + " sample " + i + " class " + c);
            }
        }
    }

    /** A 2-D little-endian float64 array as numpy saves it. */
    static double[][] matrix(Path file) throws Exception {
        Npy.Header header = Npy.readHeader(file);
        assertEquals(2, header.ndim(), file + " " + header.shapeString());
        assertTrue(header.dtype().kind() == 'f' && header.dtype().size() == 8, file + " holds float64");
        int rows = (int) header.shape()[0], cols = (int) header.shape()[1];
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(header.dtype().order());
        b.position((int) header.dataOffset());
        double[][] m = new double[rows][cols];
        for (double[] row : m) for (int j = 0; j < cols; j++) row[j] = b.getDouble();
        return m;
    }

    static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what);
        List<String> off = new ArrayList<>();
        for (int i = 0; i < expected.length && off.size() < 3; i++) {
            if (Math.abs(expected[i] - actual[i]) > tolerance) off.add(i + ": " + expected[i] + " vs " + actual[i]);
        }
        assertTrue(off.isEmpty(), what + ": " + off);
    }
}
