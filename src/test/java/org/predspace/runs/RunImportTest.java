package org.predspace.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** RunImport without the command line: what it accepts, what it reports, what it refuses. */
class RunImportTest {
    static final int T = 3, N = 4, C = 2;
    @TempDir Path tmp;

    /** p(class 1) of sample i at checkpoint t: 0.5 at t = 0, then towards 1 for even i and 0 for odd i. */
    static double one(int t, int i) {
        return 0.5 + (i % 2 == 0 ? 0.4 : -0.4) * t / (T - 1.0);
    }

    static double[] rows(java.util.function.DoubleUnaryOperator f) {
        double[] v = new double[T * N * C];
        for (int t = 0; t < T; t++) {
            for (int i = 0; i < N; i++) {
                v[(t * N + i) * C] = f.applyAsDouble(1 - one(t, i));
                v[(t * N + i) * C + 1] = f.applyAsDouble(one(t, i));
            }
        }
        return v;
    }

    @Test
    void bigEndianFloat32AndUint8LabelsImportAsNumpyMaySaveThem() throws Exception {
        Path p = LooseArrays.save(tmp.resolve("p.npy"), new Npy.DType('f', 4, ByteOrder.BIG_ENDIAN), new long[]{T, N, C},
                rows(x -> x));
        Path l = LooseArrays.save(tmp.resolve("l.npy"), new Npy.DType('u', 1, ByteOrder.LITTLE_ENDIAN), new long[]{N}, 1, 0, 1, 0);
        Path s = LooseArrays.ints(tmp.resolve("s.npy"), 0, 10, 100);
        RunImport.Result r = RunImport.write(RunImport.Request.of(p, l, s, "be", "probe"), tmp.resolve("run"));
        assertEquals(T, r.checkpoints());
        assertEquals(N, r.probeSize());
        assertEquals(C, r.classes());
        assertEquals(-1, r.heldOutSize());
        assertEquals(List.of("train_loss", "train_accuracy"), r.computed());
        Run run = Run.open(r.dir());
        assertArrayEquals(new int[]{1, 0, 1, 0}, run.labels());
        for (int t = 0; t < T; t++) {
            for (int i = 0; i < N; i++) assertEquals((float) one(t, i), run.predictions(t)[i * C + 1]);
        }
        // every label is the class the model leans to after step 0: accuracy 1/2 (ties count as class 0), then 1
        assertEquals(0.5, run.metrics().get(0).trainAccuracy());
        assertEquals(1.0, run.metrics().get(T - 1).trainAccuracy());
        assertEquals(-Math.log(0.9), run.metrics().get(T - 1).trainLoss(), 1e-6);
    }

    @Test
    void logitsHeldOutAndALogThroughTheCoreApi() throws Exception {
        Path p = LooseArrays.floats(tmp.resolve("p.npy"), T, N, C, rows(x -> Math.log(x) - 5));
        Path l = LooseArrays.ints(tmp.resolve("l.npy"), 1, 0, 1, 0);
        Path s = LooseArrays.ints(tmp.resolve("s.npy"), 0, 10, 100);
        Path hp = LooseArrays.floats(tmp.resolve("hp.npy"), T, N, C, rows(Math::log));
        Path log = Files.writeString(tmp.resolve("log.csv"), "step,epoch\n0,0\n5,0.5\n10,1\n100,10\n");
        RunImport.Result r = RunImport.write(RunImport.Request.of(p, l, s, "logits", "probe").withHeldOut(hp, l)
                .withRows(RunImport.Rows.LOGITS).withMetrics(log), tmp.resolve("run"));
        assertEquals(N, r.heldOutSize());
        assertEquals(3, r.logLinesUsed());
        assertEquals(1, r.logLinesIgnored());
        assertEquals(List.of("train_loss", "train_accuracy", "test_loss", "test_accuracy"), r.computed());
        Run run = Run.open(r.dir());
        assertEquals(r.metrics(), run.metrics(), "what the result reports is what the folder holds");
        assertEquals(10.0, run.metrics().get(T - 1).epoch());
        for (int t = 0; t < T; t++) {
            for (int i = 0; i < N; i++) {
                assertEquals(one(t, i), run.predictions(t)[i * C + 1], 1e-6);
                assertEquals(one(t, i), run.testPredictions(t)[i * C + 1], 1e-6);
            }
        }
        assertEquals("softmax of logits", ((java.util.Map<?, ?>) run.spec().get("imported")).get("rows"));
    }

    @Test
    void refusalsAreCheckedExceptionsThatWriteNothing() throws Exception {
        Path p = LooseArrays.floats(tmp.resolve("p.npy"), T, N, C, rows(x -> x));
        Path s = LooseArrays.ints(tmp.resolve("s.npy"), 0, 10, 100);
        Path badLabels = LooseArrays.ints(tmp.resolve("l.npy"), 1, 0, 2, 0);
        Path out = tmp.resolve("out");
        RunFormatException e = assertThrows(RunFormatException.class,
                () -> RunImport.write(RunImport.Request.of(p, badLabels, s, "x", "probe"), out));
        assertTrue(e.getMessage().contains("l.npy: label 2 at index 2 is outside [0, 2)"), e.getMessage());
        assertFalse(Files.exists(out));

        Path good = LooseArrays.ints(tmp.resolve("good.npy"), 1, 0, 1, 0);
        Files.createDirectories(out).resolve("keep").toFile().createNewFile();
        assertThrows(FileAlreadyExistsException.class, () -> RunImport.write(RunImport.Request.of(p, good, s, "x", "probe"), out));
        assertEquals(List.of(out.resolve("keep")), Files.list(out).toList());

        assertThrows(IllegalArgumentException.class, () -> RunImport.Request.of(p, good, s, "x", "probe").withHeldOut(p, null));
        assertThrows(IllegalArgumentException.class, () -> RunImport.Request.of(p, good, s, " ", "probe"));
        assertThrows(IllegalArgumentException.class, () -> new RunImport.Request(p, good, s, null, null, null, "x", "probe",
                null, null, null, RunStatus.RUNNING));
    }
}
