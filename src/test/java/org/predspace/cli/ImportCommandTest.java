package org.predspace.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.geometry.inpca.LiveEmbedding;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.ImprintInfo;
import org.predspace.runs.LooseArrays;
import org.predspace.runs.Npy;
import org.predspace.runs.ProbeInfo;
import org.predspace.runs.Run;
import org.predspace.runs.RunStatus;
import org.predspace.session.ExplorerSession;
import org.predspace.session.RunState;
import org.predspace.session.TestRuns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * predspace import: loose arrays in, a run folder out that opens like an engine-written run;
 * every bad input refused with one line naming the file and the problem, nothing written.
 */
@Tag("slow")
class ImportCommandTest {
    static final int T = 4, N = 10, C = 3, M = 6;
    static final long[] STEPS = {0, 5, 50, 500};

    @TempDir Path tmp;
    Path in;
    /** The options of a good import; a test replaces one to make it bad. */
    Map<String, String> options;
    private int outs;

    /** Probe softmax outputs: uniform at t = 0, sharpening with t. */
    static double p(int t, int i, int c) {
        return softmaxOf((k) -> t * Math.cos(0.4 * (t + 1) * (i + 1) + k) + (k == i % C ? 0.8 * t : 0), c);
    }

    /** Held-out outputs, another rule. */
    static double q(int t, int j, int c) {
        return softmaxOf((k) -> 0.5 * t * Math.sin(0.7 * (j + 1) + k) + (k == j % C ? 0.6 * t : 0), c);
    }

    private static double softmaxOf(IntToDoubleFunction logit, int c) {
        double sum = 0;
        for (int k = 0; k < C; k++) sum += Math.exp(logit.applyAsDouble(k));
        return Math.exp(logit.applyAsDouble(c)) / sum;
    }

    static double[] array(int t, int n, int c, TriFunction f) {
        double[] v = new double[t * n * c];
        for (int a = 0; a < t; a++) for (int i = 0; i < n; i++) for (int k = 0; k < c; k++) v[(a * n + i) * c + k] = f.at(a, i, k);
        return v;
    }

    interface TriFunction { double at(int t, int i, int c); }

    static long[] labels(int n) {
        long[] l = new long[n];
        for (int i = 0; i < n; i++) l[i] = i % C;
        return l;
    }

    @BeforeEach
    void goodInputs() throws IOException {
        in = tmp.resolve("in");
        options = new LinkedHashMap<>();
        options.put("--predictions", LooseArrays.floats(in.resolve("P.npy"), T, N, C, array(T, N, C, ImportCommandTest::p)).toString());
        options.put("--labels", LooseArrays.ints(in.resolve("L.npy"), labels(N)).toString());
        options.put("--steps", LooseArrays.save(in.resolve("S.npy"), Npy.DType.INT32, new long[]{T}, 0, 5, 50, 500).toString());
        options.put("--name", "torch run");
        options.put("--probe-id", "probe-x");
    }

    private CliRunner importTo(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("import"));
        options.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        args.addAll(List.of(extra));
        args.addAll(List.of("--out", out.toString()));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void looseArraysBecomeARunThatOpensLikeAnEngineWrittenOne() throws Exception {
        Path out = tmp.resolve("runs").resolve("imported");
        CliRunner r = importTo(out, "--dataset", "cifar-mini", "--architecture", "resnet18", "--optimizer", "sgd",
                "--lr", "0.1", "--batch-size", "128", "--seed", "3", "--spec", "width=256", "--spec", "note=from torch");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("imported torch run: 4 checkpoints (steps 0 .. 500), 10 probe samples, 3 classes"), r.out());
        assertTrue(r.out().contains("computed from the predictions: train_loss, train_accuracy"), r.out());

        Run run = Run.open(out);
        assertEquals("torch run", run.name());
        assertEquals(new ProbeInfo("probe-x", N, "train"), run.probe());
        assertEquals(C, run.classes());
        assertEquals(RunStatus.FINISHED, run.status());
        assertFalse(run.interrupted());
        assertArrayEquals(STEPS, run.steps());
        assertArrayEquals(new int[]{0, 1, 2, 0, 1, 2, 0, 1, 2, 0}, run.labels());
        assertFalse(run.hasTestSet());
        for (int t = 0; t < T; t++) {
            float[] got = run.predictions(t);
            for (int i = 0; i < N; i++) for (int c = 0; c < C; c++) assertEquals((float) p(t, i, c), got[i * C + c], "p" + t + i + c);
            CheckpointMetrics m = run.metrics().get(t);
            assertEquals(STEPS[t], m.step());
            assertEquals(crossEntropy(t, ImportCommandTest::p, N), m.trainLoss(), 1e-6);
            assertEquals(accuracy(t, ImportCommandTest::p, N), m.trainAccuracy(), 0);
            assertTrue(Double.isNaN(m.epoch()) && Double.isNaN(m.testLoss()) && Double.isNaN(m.testAccuracy()), m.toString());
        }
        assertEquals(0.4, run.metrics().get(0).trainAccuracy(), 1e-12,
                "uniform rows count as class 0 (4 of the 10 labels), as the engine counts them");
        Map<String, Object> spec = run.spec();
        assertEquals("resnet18", spec.get("architecture"));
        assertEquals(0.1, spec.get("learning_rate"));
        assertEquals(3, ((Number) spec.get("seed")).intValue());
        assertEquals(256, ((Number) spec.get("width")).intValue());
        assertEquals("from torch", spec.get("note"));
        assertEquals(Map.of("predictions", "P.npy", "labels", "L.npy", "steps", "S.npy", "rows", "softmax probabilities"),
                spec.get("imported"));
        assertEquals(accuracy(T - 1, ImportCommandTest::p, N), ((Number) run.summary().get("train_accuracy")).doubleValue(), 0);

        Path engineRun = TestRuns.writeSynthetic(tmp.resolve("engine"), "e", "p", 0, 2);
        Set<String> engineFiles = names(engineRun);
        engineFiles.removeAll(Set.of("test_labels.npy", "test_predictions.npy"));
        assertEquals(engineFiles, names(out), "the same files as the engine writes for a run without a held-out probe");

        try (ExplorerSession s = new ExplorerSession(LiveEmbedding.Settings.defaults().withAxes(3).inForeground(), 1)) {
            RunState state = s.open(out);
            assertEquals("resnet18", state.architecture());
            assertEquals(0.1, state.learningRate());
            assertEquals(3.0, state.seed());
            assertEquals(T, state.metrics().size());
            assertEquals(2 + T, s.picture(ExplorerSession.Probe.TRAINING).frame().size());
            assertEquals(0, s.picture(ExplorerSession.Probe.TRAINING).frame().point(2).progress(), 1e-6);
        }
    }

    @Test
    void heldOutProbeAndAMetricsLogAtOtherStepsToo() throws Exception {
        options.put("--held-out-predictions", LooseArrays.floats(in.resolve("HP.npy"), T, M, C, array(T, M, C, ImportCommandTest::q)).toString());
        options.put("--held-out-labels", LooseArrays.ints(in.resolve("HL.npy"), labels(M)).toString());
        StringBuilder log = new StringBuilder("step,epoch,train_loss,test_accuracy,lr\n");
        for (int step = 0; step <= 10; step++) log.append(step).append(',').append(step / 10.0).append(',')
                .append(2 + step / 1000.0).append(',').append(step == 5 ? "" : "0.5").append(",0.1\n");
        log.append("500,50,2.5,0.5,0.1"); // no final newline: a log someone saved by hand
        options.put("--metrics", Files.writeString(in.resolve("log.csv"), log).toString());
        Path out = tmp.resolve("with-held-out");
        CliRunner r = importTo(out);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("6 held-out samples"), r.out());
        assertTrue(r.out().contains("metrics log: 3 of 4 checkpoints have a line; 9 lines at other steps left out"), r.out());
        assertTrue(r.out().contains("computed from the predictions: train_loss, train_accuracy, test_loss, test_accuracy"), r.out());

        Run run = Run.open(out);
        assertArrayEquals(new int[]{0, 1, 2, 0, 1, 2}, run.testLabels());
        for (int t = 0; t < T; t++) {
            float[] got = run.testPredictions(t);
            for (int j = 0; j < M; j++) for (int c = 0; c < C; c++) assertEquals((float) q(t, j, c), got[j * C + c]);
        }
        List<CheckpointMetrics> m = run.metrics();
        double nan = Double.NaN;
        double[][] expected = { // epoch, train loss, train accuracy, test loss, test accuracy: logged where given
                {0, 2.0, accuracy(0, ImportCommandTest::p, N), crossEntropy(0, ImportCommandTest::q, M), 0.5},
                {0.5, 2.005, accuracy(1, ImportCommandTest::p, N), crossEntropy(1, ImportCommandTest::q, M), accuracy(1, ImportCommandTest::q, M)},
                {nan, crossEntropy(2, ImportCommandTest::p, N), accuracy(2, ImportCommandTest::p, N), crossEntropy(2, ImportCommandTest::q, M), accuracy(2, ImportCommandTest::q, M)},
                {50, 2.5, accuracy(3, ImportCommandTest::p, N), crossEntropy(3, ImportCommandTest::q, M), 0.5}};
        for (int t = 0; t < T; t++) {
            CheckpointMetrics got = m.get(t);
            double[] actual = {got.epoch(), got.trainLoss(), got.trainAccuracy(), got.testLoss(), got.testAccuracy()};
            for (int k = 0; k < actual.length; k++) assertEquals(expected[t][k], actual[k], 1e-6, "checkpoint " + t + ", column " + k);
        }
        assertEquals("log.csv", ((Map<?, ?>) run.spec().get("imported")).get("metrics"));
    }

    @Test
    void logitsAreTurnedIntoSoftmaxAndScoresNormalisedOnRequest() throws Exception {
        // logits: log p shifted by an arbitrary amount per row, which softmax removes
        options.put("--predictions", LooseArrays.floats(in.resolve("logits.npy"), T, N, C,
                array(T, N, C, (t, i, c) -> Math.log(p(t, i, c)) + 3 * i - t)).toString());
        Path logits = tmp.resolve("logits");
        assertEquals(0, importTo(logits, "--logits").exitCode());
        options.put("--predictions", LooseArrays.floats(in.resolve("scores.npy"), T, N, C,
                array(T, N, C, (t, i, c) -> p(t, i, c) * (i + 1) * 7)).toString());
        Path scores = tmp.resolve("scores");
        assertEquals(0, importTo(scores, "--normalize").exitCode());
        for (Path dir : List.of(logits, scores)) {
            Run run = Run.open(dir);
            for (int t = 0; t < T; t++) {
                float[] got = run.predictions(t);
                for (int i = 0; i < N; i++) for (int c = 0; c < C; c++) assertEquals(p(t, i, c), got[i * C + c], 1e-6, dir + " " + t + i + c);
            }
        }
    }

    // ------------------------------------------------------------------ refusals

    @Test
    void aMissingOrForeignFileIsNamed() throws Exception {
        assertRefused("--predictions", tmp.resolve("nope.npy"), "nope.npy: missing file");
        assertRefused("--labels", Files.writeString(tmp.resolve("labels.txt"), "0 1 2\n"), "labels.txt: not an .npy file");
        options.put("--metrics", tmp.resolve("missing.csv").toString());
        assertRefused("--metrics", tmp.resolve("missing.csv"), "missing.csv: missing file");
    }

    @Test
    void aWrongDtypeIsNamed() throws Exception {
        assertRefused("--predictions", LooseArrays.save(in.resolve("int.npy"), Npy.DType.INT32, new long[]{T, N, C},
                new double[T * N * C]), "int.npy: predictions have dtype int32; expected float32 or float64");
        assertRefused("--labels", LooseArrays.save(in.resolve("fl.npy"), LooseArrays.FLOAT64, new long[]{N}, new double[N]),
                "fl.npy: labels have dtype float64; expected integers");
        assertRefused("--steps", LooseArrays.save(in.resolve("fs.npy"), Npy.DType.FLOAT32, new long[]{T}, 0, 5, 50, 500),
                "fs.npy: steps have dtype float32; expected integers");
    }

    @Test
    void aWrongRankIsNamedWithTheLikelyFix() throws Exception {
        assertRefused("--predictions", LooseArrays.save(in.resolve("2d.npy"), LooseArrays.FLOAT64, new long[]{N, C},
                array(1, N, C, ImportCommandTest::p)), "2d.npy: predictions have shape (10, 3); expected (T, N, C)", "p[None]");
        assertRefused("--labels", LooseArrays.save(in.resolve("onehot.npy"), Npy.DType.INT64, new long[]{N, C}, new double[N * C]),
                "onehot.npy: labels have shape (10, 3); expected (N,) class indices", "argmax");
        assertRefused("--steps", LooseArrays.save(in.resolve("col.npy"), Npy.DType.INT64, new long[]{T, 1}, 0, 5, 50, 500),
                "col.npy: steps have shape (4, 1)");
    }

    @Test
    void mismatchedCheckpointsSamplesOrClassesAreNamed() throws Exception {
        assertRefused("--steps", LooseArrays.ints(in.resolve("s3.npy"), 0, 5, 50), "P.npy: predictions have shape (4, 10, 3), 4 checkpoints, but", "s3.npy has 3 steps");
        assertRefused("--labels", LooseArrays.ints(in.resolve("l9.npy"), 0, 1, 2, 0, 1, 2, 0, 1, 2), "10 samples per checkpoint, but", "l9.npy has 9 labels");
        options.put("--held-out-labels", LooseArrays.ints(in.resolve("HL.npy"), labels(M)).toString());
        assertRefused("--held-out-predictions", LooseArrays.floats(in.resolve("h4.npy"), T, M, 4, new double[T * M * 4]),
                "h4.npy: held-out predictions have 4 classes but", "P.npy has 3");
        assertRefused("--held-out-predictions", LooseArrays.floats(in.resolve("h5.npy"), T, 5, C, new double[T * 5 * C]),
                "h5.npy: held-out predictions have shape (4, 5, 3), 5 samples per checkpoint, but", "HL.npy has 6 labels");
    }

    @Test
    void nanAndInfinityAreNamedByCheckpointStepSampleAndClass() throws Exception {
        double[] v = array(T, N, C, ImportCommandTest::p);
        v[(2 * N + 5) * C + 1] = Double.NaN;
        assertRefused("--predictions", LooseArrays.floats(in.resolve("nan.npy"), T, N, C, v),
                "nan.npy: predictions at checkpoint 2 (step 50), sample 5, class 1 is NaN");
        v = array(T, N, C, ImportCommandTest::p);
        v[(3 * N) * C + 2] = Double.POSITIVE_INFINITY;
        assertRefused("--predictions", LooseArrays.floats(in.resolve("inf.npy"), T, N, C, v),
                "inf.npy: predictions at checkpoint 3 (step 500), sample 0, class 2 is Infinity");
        v = array(T, N, C, ImportCommandTest::p);
        v[(N + 1) * C] = Double.NaN;
        assertRefusedWith("--logits", "--predictions", LooseArrays.floats(in.resolve("nanlogit.npy"), T, N, C, v),
                "nanlogit.npy: predictions at checkpoint 1 (step 5), sample 1, class 0 is NaN");
    }

    @Test
    void negativeProbabilitiesAreRefusedWithAHintAboutLogits() throws Exception {
        double[] v = array(T, N, C, ImportCommandTest::p);
        v[(N + 2) * C] = -0.25;
        assertRefused("--predictions", LooseArrays.floats(in.resolve("neg.npy"), T, N, C, v),
                "neg.npy: predictions at checkpoint 1 (step 5), sample 2, class 0 is negative (-0.25)", "--logits");
        assertRefusedWith("--normalize", "--predictions", in.resolve("neg.npy"),
                "neg.npy: predictions at checkpoint 1 (step 5), sample 2, class 0 is negative (-0.25); --normalize needs non-negative");
    }

    @Test
    void rowsThatDoNotSumToOneAreRefusedUnlessNormalised() throws Exception {
        double[] v = array(T, N, C, ImportCommandTest::p);
        for (int c = 0; c < C; c++) v[(3 * N + 7) * C + c] *= 0.9;
        assertRefused("--predictions", LooseArrays.floats(in.resolve("sum.npy"), T, N, C, v),
                "sum.npy: predictions at checkpoint 3 (step 500), sample 7 sums to 0.9", "not 1 (tolerance 0.001); --normalize divides");
        v[(3 * N + 7) * C] = v[(3 * N + 7) * C + 1] = v[(3 * N + 7) * C + 2] = 0;
        assertRefusedWith("--normalize", "--predictions", LooseArrays.floats(in.resolve("zero.npy"), T, N, C, v),
                "zero.npy: predictions at checkpoint 3 (step 500), sample 7 is all zeros");
    }

    @Test
    void labelsOutsideTheClassesAreNamed() throws Exception {
        long[] l = labels(N);
        l[4] = 3;
        assertRefused("--labels", LooseArrays.ints(in.resolve("l3.npy"), l), "l3.npy: label 3 at index 4 is outside [0, 3)", "P.npy has 3 classes");
        l[4] = -1;
        assertRefused("--labels", LooseArrays.ints(in.resolve("lneg.npy"), l), "lneg.npy: label -1 at index 4 is outside [0, 3)");
        assertRefused("--labels", LooseArrays.ints(in.resolve("none.npy")), "none.npy: labels are empty");
    }

    @Test
    void unsortedRepeatedOrNegativeStepsAreNamed() throws Exception {
        assertRefused("--steps", LooseArrays.ints(in.resolve("u.npy"), 0, 50, 5, 500), "u.npy: steps must increase strictly, but step 5 at index 2 follows 50");
        assertRefused("--steps", LooseArrays.ints(in.resolve("d.npy"), 0, 5, 5, 500), "d.npy: steps must increase strictly, but step 5 at index 2 follows 5");
        assertRefused("--steps", LooseArrays.ints(in.resolve("n.npy"), -1, 5, 50, 500), "n.npy: step -1 at index 0 is negative");
        assertRefused("--steps", LooseArrays.ints(in.resolve("e.npy")), "e.npy: steps are empty");
    }

    @Test
    void aMetricsLogThatCannotBeUsedIsNamed() throws Exception {
        assertRefused("--metrics", Files.writeString(in.resolve("epochs.csv"), "step,train_loss\n1,2.0\n2,1.5\n3,1.2\n"),
                "epochs.csv: none of its 3 lines (steps 1 .. 3) is at a checkpoint step (0 .. 500)");
        assertRefused("--metrics", Files.writeString(in.resolve("inf.csv"), "step,train_loss\n0,2.0\n5,inf\n"),
                "inf.csv: line 3: train_loss is Infinity; it must be a number >= 0");
        assertRefused("--metrics", Files.writeString(in.resolve("text.csv"), "step,train_loss\n0,low\n"),
                "text.csv: line 2: 'low' is not a number");
        assertRefused("--metrics", Files.writeString(in.resolve("back.csv"), "step,train_loss\n5,2.0\n0,1.5\n"),
                "back.csv: line 3: step 0 does not follow step 5");
        assertRefused("--metrics", Files.writeString(in.resolve("nostep.csv"), "epoch,train_loss\n0,2.0\n"),
                "nostep.csv: header 'epoch,train_loss' has no 'step' column");
    }

    @Test
    void anExistingRunOrNonEmptyFolderIsNeverTouched() throws Exception {
        Path run = TestRuns.writeSynthetic(tmp.resolve("runs"), "precious", "probe", 1, 3);
        Map<String, byte[]> before = contents(run);
        CliRunner r = importTo(run);
        assertEquals(Cli.EXIT_FAILURE, r.exitCode());
        TrainCommandTest.assertOneLine(r.err(), run + ": already exists and is not empty; import never overwrites");
        assertContentsEqual(before, contents(run));

        Path notes = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(notes.resolve("notes.txt"), "mine");
        assertEquals(Cli.EXIT_FAILURE, importTo(notes).exitCode());
        assertEquals("mine", Files.readString(notes.resolve("notes.txt")));
        assertEquals(Set.of("notes.txt"), names(notes));

        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        CliRunner onFile = importTo(file);
        assertEquals(Cli.EXIT_FAILURE, onFile.exitCode());
        TrainCommandTest.assertOneLine(onFile.err(), "a-file: exists and is not a folder");
        assertEquals("x", Files.readString(file));
    }

    @Test
    void anEmptyExistingFolderReceivesTheRun() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(0, importTo(empty).exitCode());
        assertEquals(T, Run.open(empty).checkpointCount());
    }

    @Test
    void usageMistakesExitWithTheUsageCode() throws Exception {
        options.remove("--probe-id");
        Path out = tmp.resolve("never");
        CliRunner noProbe = importTo(out);
        assertEquals(Cli.EXIT_USAGE, noProbe.exitCode());
        TrainCommandTest.assertOneLine(noProbe.err(), "--probe-id");
        options.put("--probe-id", "probe-x");

        CliRunner half = importTo(out, "--held-out-predictions", options.get("--predictions"));
        assertEquals(Cli.EXIT_USAGE, half.exitCode());
        TrainCommandTest.assertOneLine(half.err(), "--held-out-labels");

        CliRunner both = importTo(out, "--normalize", "--logits");
        assertEquals(Cli.EXIT_USAGE, both.exitCode());
        TrainCommandTest.assertOneLine(both.err(), "mutually exclusive");

        CliRunner running = importTo(out, "--status", "running");
        assertEquals(Cli.EXIT_USAGE, running.exitCode());
        TrainCommandTest.assertOneLine(running.err(), "status cannot be running");

        CliRunner repeated = importTo(out, "--lr", "0.1", "--spec", "learning_rate=0.2");
        assertEquals(Cli.EXIT_USAGE, repeated.exitCode());
        TrainCommandTest.assertOneLine(repeated.err(), "--spec learning_rate repeats");

        CliRunner nanRate = importTo(out, "--lr", "NaN");
        assertEquals(Cli.EXIT_USAGE, nanRate.exitCode(), "train refuses it too: one rule");
        TrainCommandTest.assertOneLine(nanRate.err(), "learning rate must be a positive number, got NaN");

        options.put("--name", "two\nlines \u001b[31mred");
        CliRunner control = importTo(out);
        assertEquals(Cli.EXIT_USAGE, control.exitCode());
        TrainCommandTest.assertOneLine(control.err(), "holds a control character");
        assertFalse(control.err().contains("\u001b"), "the escape is quoted, not echoed: " + control.err());
        options.put("--name", "torch run");
        assertFalse(Files.exists(out), "nothing was written");
    }

    // ------------------------------------------------------------------ imprinted predictions

    /** The full problem's classes and the shared probes of the imprinted arrays: not the head's. */
    static final int CI = 5, NI = 8, MI = 4;

    /** Imprinted rows on the shared probe: another rule over CI classes, sharpening with t. */
    static double r(int t, int i, int c) {
        double sum = 0;
        for (int k = 0; k < CI; k++) sum += Math.exp(imprintedLogit(t, i, k));
        return Math.exp(imprintedLogit(t, i, c)) / sum;
    }

    /** -||phi - mu_c||^2 as a made-up imprinting would give it: closest to the sample's own class as t grows. */
    static double imprintedLogit(int t, int i, int c) {
        double d = Math.abs(c - i % CI) + 0.3 * Math.sin(i + c) + 2.0 / (t + 1);
        return -d * d * t / 2.0;
    }

    static long[] imprintedLabels(int n) {
        long[] l = new long[n];
        for (int i = 0; i < n; i++) l[i] = i % CI;
        return l;
    }

    /** Adds the options of a good imprinted import, with the held-out pair when asked. */
    private void addImprinted(boolean heldOut) throws IOException {
        options.put("--imprinted-predictions", LooseArrays.floats(in.resolve("IP.npy"), T, NI, CI,
                array(T, NI, CI, ImportCommandTest::r)).toString());
        options.put("--imprinted-labels", LooseArrays.ints(in.resolve("IL.npy"), imprintedLabels(NI)).toString());
        options.put("--imprinted-probe-id", "shared-probe");
        options.put("--prototypes-id", "prototypes-x");
        options.put("--prototypes-size", "50");
        if (heldOut) {
            options.put("--imprinted-held-out-predictions", LooseArrays.floats(in.resolve("IHP.npy"), T, MI, CI,
                    array(T, MI, CI, (t, j, c) -> r(t, j + 3, c))).toString());
            options.put("--imprinted-held-out-labels", LooseArrays.ints(in.resolve("IHL.npy"), 3, 4, 0, 1).toString());
        }
    }

    @Test
    void imprintedPredictionsComeWithTheRunAndShareAPictureWithAnotherTask() throws Exception {
        addImprinted(true);
        Path out = tmp.resolve("runs").resolve("task-a");
        CliRunner r = importTo(out, "--spec", "task=classes:0,1,2");
        assertEquals(0, r.exitCode(), r.err());
        int correctAtEnd = 0;
        for (int i = 0; i < NI; i++) {
            int best = 0;
            for (int c = 1; c < CI; c++) if ((float) r(T - 1, i, c) > (float) r(T - 1, i, best)) best = c;
            if (best == i % CI) correctAtEnd++;
        }
        assertTrue(r.out().contains(String.format(Locale.ROOT, "imprinted: 8 shared probe samples, 5 classes,"
                + " 4 held-out samples; accuracy 0.2500 at the first checkpoint, %.4f at the last", correctAtEnd / (double) NI)),
                r.out());

        Run run = Run.open(out);
        assertEquals(C, run.classes(), "the head keeps its own classes");
        assertTrue(run.hasImprinted());
        assertEquals(new ImprintInfo(CI, new ProbeInfo("shared-probe", NI, "train"),
                new ProbeInfo("prototypes-x", 50, "train")), run.manifest().imprint());
        Run view = run.imprinted();
        assertEquals(CI, view.classes());
        assertEquals(new ProbeInfo("shared-probe", NI, "train"), view.probe());
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 0, 1, 2}, view.labels());
        assertArrayEquals(new int[]{3, 4, 0, 1}, view.testLabels());
        for (int t = 0; t < T; t++) {
            float[] got = view.predictions(t);
            float[] held = view.testPredictions(t);
            for (int i = 0; i < NI; i++) for (int c = 0; c < CI; c++) assertEquals((float) r(t, i, c), got[i * CI + c], "r" + t + i + c);
            for (int j = 0; j < MI; j++) for (int c = 0; c < CI; c++) assertEquals((float) r(t, j + 3, c), held[j * CI + c]);
            for (int i = 0; i < N; i++) for (int c = 0; c < C; c++) assertEquals((float) p(t, i, c), run.predictions(t)[i * C + c]);
        }
        assertEquals(correctAtEnd / (double) NI, view.metrics().get(T - 1).trainAccuracy(), 0);
        Map<?, ?> imported = (Map<?, ?>) run.spec().get("imported");
        assertEquals("IP.npy", imported.get("imprinted_predictions"));
        assertEquals("IL.npy", imported.get("imprinted_labels"));
        assertEquals("IHP.npy", imported.get("imprinted_held_out_predictions"));
        assertEquals("IHL.npy", imported.get("imprinted_held_out_labels"));

        // a run of another task: another head (2 classes, another probe), the same shared probe
        options.put("--predictions", LooseArrays.floats(in.resolve("P2.npy"), T, 4, 2,
                array(T, 4, 2, (t, i, c) -> c == 0 ? 0.5 + 0.1 * t : 0.5 - 0.1 * t)).toString());
        options.put("--labels", LooseArrays.ints(in.resolve("L2.npy"), 0, 1, 0, 1).toString());
        options.put("--probe-id", "probe-even-odd");
        options.put("--imprinted-predictions", LooseArrays.floats(in.resolve("IP2.npy"), T, NI, CI,
                array(T, NI, CI, (t, i, c) -> r(t, i + 1, c))).toString());
        Path other = tmp.resolve("runs").resolve("task-b");
        assertEquals(0, importTo(other).exitCode());
        IllegalArgumentException heads = assertThrows(IllegalArgumentException.class,
                () -> RunCollection.open(List.of(out, other)), "the heads' predictions cannot share a picture");
        assertTrue(heads.getMessage().contains("probe"), heads.getMessage());
        RunCollection joint = RunCollection.open(List.of(out, other), true);
        assertEquals(2 * T, joint.points().size(), "the imprinted predictions of both tasks share one picture");
        assertEquals("shared-probe", joint.shape().probeId());

        Map<String, byte[]> before = contents(out);
        CliRunner again = importTo(out);
        assertEquals(Cli.EXIT_FAILURE, again.exitCode());
        TrainCommandTest.assertOneLine(again.err(), "already exists and is not empty; import never overwrites");
        assertContentsEqual(before, contents(out));
    }

    @Test
    void imprintedLogitsAreTurnedIntoSoftmaxWithTheHeadsRows() throws Exception {
        addImprinted(false);
        options.put("--predictions", LooseArrays.floats(in.resolve("logits.npy"), T, N, C,
                array(T, N, C, (t, i, c) -> Math.log(p(t, i, c)) + i)).toString());
        options.put("--imprinted-predictions", LooseArrays.floats(in.resolve("ilogits.npy"), T, NI, CI,
                array(T, NI, CI, ImportCommandTest::imprintedLogit)).toString());
        Path out = tmp.resolve("logits");
        CliRunner r = importTo(out, "--logits");
        assertEquals(0, r.exitCode(), r.err());
        Run view = Run.open(out).imprinted();
        assertFalse(view.hasTestSet());
        for (int t = 0; t < T; t++) {
            for (int i = 0; i < NI; i++) for (int c = 0; c < CI; c++) assertEquals(r(t, i, c), view.predictions(t)[i * CI + c], 1e-6);
        }
    }

    @Test
    void badImprintedArraysAreNamedAndNothingIsWritten() throws Exception {
        addImprinted(true);
        assertRefused("--imprinted-predictions", LooseArrays.save(in.resolve("i2d.npy"), LooseArrays.FLOAT64, new long[]{NI, CI},
                array(1, NI, CI, ImportCommandTest::r)), "i2d.npy: imprinted predictions have shape (8, 5); expected (T, N, C)");
        assertRefused("--imprinted-predictions", LooseArrays.floats(in.resolve("i3.npy"), 3, NI, CI, array(3, NI, CI, ImportCommandTest::r)),
                "i3.npy: imprinted predictions have shape (3, 8, 5), 3 checkpoints, but", "S.npy has 4 steps");
        assertRefused("--imprinted-labels", LooseArrays.ints(in.resolve("il7.npy"), 0, 1, 2, 3, 4, 0, 1),
                "IP.npy: imprinted predictions have shape (4, 8, 5), 8 samples per checkpoint, but", "il7.npy has 7 labels");
        assertRefused("--imprinted-labels", LooseArrays.save(in.resolve("ilf.npy"), LooseArrays.FLOAT64, new long[]{NI}, new double[NI]),
                "ilf.npy: imprinted labels have dtype float64; expected integers");
        long[] l = imprintedLabels(NI);
        l[6] = CI;
        assertRefused("--imprinted-labels", LooseArrays.ints(in.resolve("il5.npy"), l),
                "il5.npy: label 5 at index 6 is outside [0, 5)", "IP.npy has 5 classes");
        double[] v = array(T, NI, CI, ImportCommandTest::r);
        v[(2 * NI + 3) * CI + 4] = Double.NaN;
        assertRefused("--imprinted-predictions", LooseArrays.floats(in.resolve("inan.npy"), T, NI, CI, v),
                "inan.npy: imprinted predictions at checkpoint 2 (step 50), sample 3, class 4 is NaN");
        v = array(T, NI, CI, ImportCommandTest::r);
        v[(3 * NI) * CI] += 0.1;
        assertRefused("--imprinted-predictions", LooseArrays.floats(in.resolve("isum.npy"), T, NI, CI, v),
                "isum.npy: imprinted predictions at checkpoint 3 (step 500), sample 0 sums to 1.1");
        assertRefused("--imprinted-held-out-predictions", LooseArrays.floats(in.resolve("ih3.npy"), T, MI, 3, new double[T * MI * 3]),
                "ih3.npy: imprinted held-out predictions have 3 classes but", "IP.npy has 5");
        v = array(T, MI, CI, ImportCommandTest::r);
        v[(T - 1) * MI * CI + 1] = Double.POSITIVE_INFINITY;
        assertRefused("--imprinted-held-out-predictions", LooseArrays.floats(in.resolve("ihinf.npy"), T, MI, CI, v),
                "ihinf.npy: imprinted held-out predictions at checkpoint 3 (step 500), sample 0, class 1 is Infinity");
        assertRefused("--imprinted-held-out-labels", LooseArrays.ints(in.resolve("ihl9.npy"), 3, 4, 0, 9),
                "ihl9.npy: label 9 at index 3 is outside [0, 5)");
        options.put("--prototypes-size", "4");
        assertRefused("--imprinted-predictions", in.resolve("IP.npy"),
                "IP.npy: imprinted predictions have 5 classes, but the prototypes are 4 samples; every class needs");
        options.put("--prototypes-size", "50");
        options.put("--imprinted-probe-id", "probe-x");   // the head's probe id: one id, one probe
        assertRefused("--imprinted-predictions", in.resolve("IP.npy"), "IP.npy: the imprinted probe id 'probe-x' is the run's own"
                + " probe id, but the imprinted predictions are 8 samples of 5 classes and", "P.npy 10 of 3");
        options.remove("--imprinted-held-out-predictions");
        options.remove("--imprinted-held-out-labels");
        options.put("--imprinted-predictions", LooseArrays.floats(in.resolve("IP3.npy"), T, N, C, array(T, N, C, ImportCommandTest::p)).toString());
        long[] swapped = labels(N);
        swapped[9] = 2;
        assertRefused("--imprinted-labels", LooseArrays.ints(in.resolve("ILx.npy"), swapped),
                "ILx.npy: the imprinted probe id 'probe-x' is the run's own probe id, but label 2 at index 9 differs from", "L.npy (0)");
        options.put("--imprinted-labels", options.get("--labels"));
        CliRunner full = importTo(tmp.resolve("full-task"));
        assertEquals(0, full.exitCode(), "a run of the full problem may use its own probe as the shared one: " + full.err());
    }

    @Test
    void halfAnImprintedImportIsAUsageMistake() throws Exception {
        addImprinted(true);
        Path out = tmp.resolve("never");
        for (String[] missing : new String[][]{{"--imprinted-labels"}, {"--imprinted-predictions"}, {"--imprinted-probe-id"},
                {"--prototypes-id"}, {"--prototypes-size"}, {"--imprinted-held-out-labels"}, {"--imprinted-held-out-predictions"},
                {"--imprinted-predictions", "--imprinted-labels", "--imprinted-probe-id", "--prototypes-id", "--prototypes-size"}}) {
            Map<String, String> kept = new LinkedHashMap<>(options);
            for (String m : missing) options.remove(m);
            CliRunner r = importTo(out);
            options.clear();
            options.putAll(kept);
            assertEquals(Cli.EXIT_USAGE, r.exitCode(), String.join(" ", missing) + ": " + r.err());
            TrainCommandTest.assertOneLine(r.err(), missing[0].equals("--imprinted-predictions") && missing.length > 1
                    ? "--imprinted" : missing[0]);
        }
        for (String size : new String[]{"0", "-3", "many"}) {
            options.put("--prototypes-size", size);
            CliRunner r = importTo(out);
            assertEquals(Cli.EXIT_USAGE, r.exitCode(), size + ": " + r.err());
            TrainCommandTest.assertOneLine(r.err(), "prototypes");
        }
        options.put("--prototypes-size", "50");
        options.put("--imprinted-probe-id", "two\nlines");
        CliRunner control = importTo(out);
        assertEquals(Cli.EXIT_USAGE, control.exitCode());
        TrainCommandTest.assertOneLine(control.err(), "imprinted probe id");
        assertFalse(Files.exists(out), "nothing was written");
    }

    private void assertRefused(String option, Path file, String... fragments) throws IOException {
        assertRefusedWith(null, option, file, fragments);
    }

    /**
     * Replaces one option by {@code file}, imports (with {@code flag} if not null) into a new
     * folder and into an empty existing one, and checks both times: exit 1, one line holding
     * every fragment, nothing written.
     */
    private void assertRefusedWith(String flag, String option, Path file, String... fragments) throws IOException {
        String previous = options.put(option, file.toString());
        try {
            Path fresh = tmp.resolve("out-" + outs++);
            Path empty = Files.createDirectories(tmp.resolve("out-" + outs++));
            for (Path out : List.of(fresh, empty)) {
                CliRunner r = flag == null ? importTo(out) : importTo(out, flag);
                assertEquals(Cli.EXIT_FAILURE, r.exitCode(), r.out() + r.err());
                TrainCommandTest.assertOneLine(r.err(), fragments[0]);
                for (String f : fragments) assertTrue(r.err().contains(f), "'" + f + "' in: " + r.err());
            }
            assertFalse(Files.exists(fresh), "a refused import creates no folder");
            assertEquals(Set.of(), names(empty), "a refused import writes nothing into an empty folder");
        } finally {
            if (previous == null) options.remove(option);
            else options.put(option, previous);
        }
    }

    static double crossEntropy(int t, TriFunction f, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s -= Math.log(f.at(t, i, i % C));
        return s / n;
    }

    /** Share of samples whose first most probable class is the label, comparing the stored float32 values. */
    static double accuracy(int t, TriFunction f, int n) {
        int right = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < C; c++) if ((float) f.at(t, i, c) > (float) f.at(t, i, best)) best = c;
            if (best == i % C) right++;
        }
        return right / (double) n;
    }

    static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Map<String, byte[]> contents(Path dir) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) m.put(dir.relativize(p).toString(), Files.readAllBytes(p));
        }
        return m;
    }

    private static void assertContentsEqual(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), k + " changed"));
    }
}
