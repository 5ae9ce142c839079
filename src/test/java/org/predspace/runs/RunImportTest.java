package org.predspace.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteOrder;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.*;

/** RunImport without the command line: what it accepts, what it reports, what it refuses. */
@Tag("slow")
class RunImportTest {
    static final int T = 3, N = 4, C = 2;
    @TempDir Path tmp;

    /** p(class 1) of sample i at checkpoint t: 0.5 at t = 0, then towards 1 for even i and 0 for odd i. */
    static double one(int t, int i) {
        return 0.5 + (i % 2 == 0 ? 0.4 : -0.4) * t / (T - 1.0);
    }

    static double[] rows(DoubleUnaryOperator f) {
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
        assertEquals("softmax of logits", ((Map<?, ?>) run.spec().get("imported")).get("rows"));
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

    @Test
    void imprintedPredictionsThroughTheCoreApi() throws Exception {
        Path p = LooseArrays.floats(tmp.resolve("p.npy"), T, N, C, rows(x -> x));
        Path l = LooseArrays.ints(tmp.resolve("l.npy"), 1, 0, 1, 0);
        Path s = LooseArrays.ints(tmp.resolve("s.npy"), 0, 10, 100);
        // imprinted over 3 classes on a shared probe of 2: rows (0.2, 0.3, 0.5) at every checkpoint
        double[] flat = new double[T * 2 * 3];
        for (int r = 0; r < T * 2; r++) System.arraycopy(new double[]{0.2, 0.3, 0.5}, 0, flat, r * 3, 3);
        Path ip = LooseArrays.floats(tmp.resolve("ip.npy"), T, 2, 3, flat);
        Path il = LooseArrays.ints(tmp.resolve("il.npy"), 2, 0);
        RunImport.Imprinted imprinted = RunImport.Imprinted.of(ip, il, "shared", "protos", 3);
        RunImport.Result r = RunImport.write(RunImport.Request.of(p, l, s, "task", "probe").withImprinted(imprinted),
                tmp.resolve("run"));
        assertEquals(new RunImport.ImprintedResult(2, -1, 3, 0.5, 0.5), r.imprinted());
        Run run = Run.open(r.dir());
        assertEquals(new ImprintInfo(3, new ProbeInfo("shared", 2, "train"), new ProbeInfo("protos", 3, "train")),
                run.manifest().imprint());
        assertArrayEquals(new float[]{0.2f, 0.3f, 0.5f, 0.2f, 0.3f, 0.5f}, run.imprinted().predictions(T - 1));
        assertNull(RunImport.write(RunImport.Request.of(p, l, s, "plain", "probe"), tmp.resolve("plain")).imprinted());
        assertFalse(Run.open(tmp.resolve("plain")).hasImprinted());

        assertThrows(IllegalArgumentException.class, () -> imprinted.withHeldOut(ip, null));
        assertThrows(IllegalArgumentException.class, () -> RunImport.Imprinted.of(ip, il, " ", "protos", 3));
        assertThrows(IllegalArgumentException.class, () -> RunImport.Imprinted.of(ip, il, "shared", "", 3));
        assertThrows(IllegalArgumentException.class, () -> RunImport.Imprinted.of(ip, il, "shared", "protos", 0));
        assertThrows(NullPointerException.class, () -> RunImport.Imprinted.of(ip, null, "shared", "protos", 3));
    }

    /**
     * Softmax is taken of the file's float64 logits and only its result rounded to float32:
     * logits near 1e8 differ below float32's resolution, and 4e38 has no float32 at all.
     */
    @Test
    void logitsAreTurnedIntoProbabilitiesInDouble() throws Exception {
        double big = 1e8;
        double[] logits = {
                big, big + Math.log(2), big + Math.log(5),      // 1/8, 2/8, 5/8
                4e38, 0, -4e38,                                  // 1, 0, 0
                1e300, 1e300, Double.NEGATIVE_INFINITY};         // 1/2, 1/2, 0
        double[] expected = {1 / 8.0, 2 / 8.0, 5 / 8.0, 1, 0, 0, 0.5, 0.5, 0};
        Path p = LooseArrays.floats(tmp.resolve("p.npy"), 1, 3, 3, logits);
        Path l = LooseArrays.ints(tmp.resolve("l.npy"), 2, 0, 1);
        Path s = LooseArrays.ints(tmp.resolve("s.npy"), 0);
        RunImport.write(RunImport.Request.of(p, l, s, "big", "probe").withRows(RunImport.Rows.LOGITS), tmp.resolve("run"));
        float[] got = Run.open(tmp.resolve("run")).predictions(0);
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], got[i], 1e-7, "value " + i);

        Path scores = LooseArrays.floats(tmp.resolve("scores.npy"), 1, 3, 3, 1e39, 3e39, 4e39, 1, 1, 2, 0, 5e300, 5e300);
        RunImport.write(RunImport.Request.of(scores, l, s, "big", "probe").withRows(RunImport.Rows.NORMALIZE), tmp.resolve("norm"));
        float[] normalised = Run.open(tmp.resolve("norm")).predictions(0);
        double[] shares = {0.125, 0.375, 0.5, 0.25, 0.25, 0.5, 0, 0.5, 0.5};
        for (int i = 0; i < shares.length; i++) assertEquals(shares[i], normalised[i], 1e-7, "value " + i);
    }

    /**
     * An import killed part way leaves nothing at its target, and what it left beside it (a hidden
     * temporary folder) neither blocks a re-run nor shows up as a run.
     */
    @Test
    void aKilledImportLeavesNoHalfRunAndDoesNotBlockARerun() throws Exception {
        int t = 300, n = 1000, c = 10;
        double[] v = new double[t * n * c];
        for (int r = 0; r < t * n; r++) {
            Arrays.fill(v, r * c, r * c + c, 0.01);
            v[r * c + r % c] = 0.91;
        }
        Path p = LooseArrays.save(tmp.resolve("in/p.npy"), Npy.DType.FLOAT32, new long[]{t, n, c}, v);
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) labels[i] = i % c;
        long[] steps = new long[t];
        for (int k = 0; k < t; k++) steps[k] = 10L * k;
        Path l = LooseArrays.ints(tmp.resolve("in/l.npy"), labels);
        Path s = LooseArrays.ints(tmp.resolve("in/s.npy"), steps);
        Path runs = Files.createDirectories(tmp.resolve("runs"));
        Path out = runs.resolve("imported");

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), CrashImportMain.class.getName(),
                p.toString(), l.toString(), s.toString(), out.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        boolean killedWhileWriting;
        try {
            assertEquals("importing", new BufferedReader(new InputStreamReader(child.getInputStream())).readLine());
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!writing(runs) && child.isAlive() && System.nanoTime() < deadline) Thread.sleep(1);
            killedWhileWriting = writing(runs);
        } finally {
            child.destroyForcibly(); // SIGKILL: no finally blocks run in the child
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        }
        assertTrue(killedWhileWriting, "the kill must land while the run is being written");
        assertFalse(Files.exists(out), "nothing at the target: the run appears whole or not at all");
        assertEquals(1, hidden(runs).size(), "the killed import's temporary folder is left");
        assertEquals(List.of(), RunFolders.find(runs), "and is not listed as a run");

        RunImport.Result r = RunImport.write(RunImport.Request.of(p, l, s, "again", "probe"), out);
        assertEquals(t, Run.open(r.dir()).checkpointCount());
        assertEquals(List.of(out), RunFolders.find(runs));
        assertEquals(List.of(), hidden(runs), "the re-run removed the dead import's leftover and its own temporary folder");
    }

    /** The last step of an import: a finished run replaces nothing but an empty folder, even if one filled up meanwhile. */
    @Test
    void theFinishedRunMovesOntoAMissingOrEmptyFolderOnly() throws Exception {
        Path target = tmp.resolve("target");
        for (boolean exists : new boolean[]{false, true}) {
            if (exists) Files.createDirectories(target);
            Path temp = ImportFolders.temp(target);
            Files.writeString(Files.createDirectories(temp).resolve("run.json"), "{}");
            ImportFolders.moveInPlace(temp, target);
            assertEquals("{}", Files.readString(target.resolve("run.json")));
            assertFalse(Files.exists(temp));
            Files.delete(target.resolve("run.json"));
            Files.delete(target);
        }
        Files.writeString(Files.createDirectories(target).resolve("notes.txt"), "mine");
        Path temp = ImportFolders.temp(target);
        Files.writeString(Files.createDirectories(temp).resolve("run.json"), "{}");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> ImportFolders.moveInPlace(temp, target));
        assertTrue(e.getMessage().contains("import never overwrites"), e.getMessage());
        assertEquals(List.of(target.resolve("notes.txt")), Files.list(target).toList());
    }

    /** Whether an import's temporary folder in {@code runs} holds the start of a run. */
    private static boolean writing(Path runs) throws IOException {
        for (Path h : hidden(runs)) if (Files.exists(h.resolve(RunFiles.STEPS))) return true;
        return false;
    }

    private static List<Path> hidden(Path runs) throws IOException {
        try (var list = Files.list(runs)) {
            return list.filter(x -> x.getFileName().toString().startsWith(".")).toList();
        }
    }
}
