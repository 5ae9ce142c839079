package org.predspace.landscape;

import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.data.Dataset;
import org.predspace.data.InputShape;
import org.predspace.platform.JobMonitor;
import org.predspace.runs.ProbeScore;
import org.predspace.runs.PythonWithNumpy;
import org.predspace.spectra.CheckpointModel;
import org.predspace.spectra.Samples;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.engine.NetworkFactory;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.TrainingSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.*;

class LinePathTest {
    static final int DIMS = 5;
    static final int CLASSES = 3;
    static final InputShape SHAPE = InputShape.tabular(DIMS);

    @Test
    void theEndsAreTheCheckpointsOwnLossesOnTheSameSamples() {
        TrainingSpec spec = spec(Architecture.MLP, 1);
        float[] start = initial(spec);
        float[] end = initial(spec(Architecture.MLP, 2));
        Samples train = samples(40, 7);
        Samples test = samples(30, 8);
        LinePath line = LinePath.between(CheckpointModel.of(spec, SHAPE, CLASSES, start), widen(start), widen(end),
                new double[] {0, 0.5, 1}, train, test);

        // each end scored as its own checkpoint, through the float path the engine records metrics with
        ProbeScore trainStart = recorded(spec, start, train);
        ProbeScore testEnd = recorded(spec, end, test);
        LinePath.Point first = line.points().get(0);
        LinePath.Point last = line.points().get(2);
        assertEquals(trainStart.loss(), first.trainLoss(), 1e-6);
        assertEquals(trainStart.accuracy(), first.trainAccuracy(), 1e-12);
        assertEquals(trainStart.loss(), line.trainAtStart().loss(), 1e-6);
        assertEquals(recorded(spec, end, train).loss(), last.trainLoss(), 1e-6);
        assertEquals(recorded(spec, end, train).loss(), line.trainAtEnd().loss(), 1e-6);
        assertEquals(testEnd.loss(), last.testLoss(), 1e-6);
        assertEquals(testEnd.accuracy(), last.testAccuracy(), 1e-12);
        assertNotEquals(first.trainLoss(), last.trainLoss(), 1e-3, "two different networks: the ends differ");
    }

    @Test
    void softmaxRegressionIsConvexAlongTheLineAndHasNoBarrier() {
        TrainingSpec spec = spec(Architecture.LINEAR, 1);
        double[] start = widen(initial(spec));
        double[] end = widen(initial(spec(Architecture.LINEAR, 2)));
        for (int i = 0; i < end.length; i++) end[i] *= 4;   // far enough apart for visible curvature
        LinePath line = LinePath.between(CheckpointModel.of(spec, SHAPE, CLASSES, initial(spec)), start, end,
                LinePath.defaultAlphas(), samples(60, 7), samples(60, 8));
        List<LinePath.Point> p = line.points();
        assertEquals(101, p.size());
        assertEquals(-0.5, p.get(0).alpha());
        assertEquals(1.5, p.get(100).alpha());
        for (int k = 1; k + 1 < p.size(); k++) {
            double train = p.get(k - 1).trainLoss() - 2 * p.get(k).trainLoss() + p.get(k + 1).trainLoss();
            double test = p.get(k - 1).testLoss() - 2 * p.get(k).testLoss() + p.get(k + 1).testLoss();
            assertTrue(train >= -1e-9, "train loss concave at a = " + p.get(k).alpha() + ": " + train);
            assertTrue(test >= -1e-9, "test loss concave at a = " + p.get(k).alpha() + ": " + test);
        }
        assertTrue(line.barrier() <= 1e-12, "a convex loss stays under its chord, barrier " + line.barrier());
    }

    @Test
    void twoCopiesOfOneNetworkWithHiddenUnitsPermutedHaveABarrierBetweenThem() {
        // The same function twice (hidden units in reverse order), confident on its own labels:
        // equal losses at the ends, and the averaged units in between compute something else.
        TrainingSpec spec = spec(Architecture.MLP, 1);
        NativeBackend.configure();
        ComputationGraph net = NetworkFactory.build(spec, SHAPE, CLASSES, 1);
        net.getLayer("out").getParam("W").muli(10);
        Samples raw = samples(60, 7);
        int[] own = net.outputSingle(false, Nd4j.create(raw.features(), new long[] {raw.size(), DIMS}))
                .argMax(1).toIntVector();
        Samples train = new Samples(raw.features(), own, raw.size(), DIMS);
        float[] start = net.params().dup().data().asFloat();
        reverseHiddenUnits(net);
        float[] end = net.params().dup().data().asFloat();
        LinePath line = LinePath.between(CheckpointModel.of(spec, SHAPE, CLASSES, start), widen(start), widen(end),
                LinePath.defaultAlphas(), train, samples(10, 8));

        assertEquals(line.trainAtStart().loss(), line.trainAtEnd().loss(), 1e-6, "the same function at both ends");
        double expected = 0;
        for (LinePath.Point q : line.points()) {
            if (q.alpha() < 0 || q.alpha() > 1) continue;
            double chord = (1 - q.alpha()) * line.trainAtStart().loss() + q.alpha() * line.trainAtEnd().loss();
            expected = Math.max(expected, q.trainLoss() - chord);
        }
        assertEquals(expected, line.barrier(), 1e-12, "the largest rise above the chord for a in [0, 1] only");
        assertTrue(line.barrier() > 0.1, "permuted copies are separated by a barrier: " + line.barrier());
    }

    private static void reverseHiddenUnits(ComputationGraph net) {
        INDArray w = net.getLayer("dense0").getParam("W");
        INDArray b = net.getLayer("dense0").getParam("b");
        INDArray v = net.getLayer("out").getParam("W");
        INDArray w0 = w.dup(), b0 = b.dup(), v0 = v.dup();
        int units = (int) w.columns();
        for (int j = 0; j < units; j++) {
            w.putColumn(j, w0.getColumn(units - 1 - j));
            b.putScalar(j, b0.getDouble(units - 1 - j));
            v.putRow(j, v0.getRow(units - 1 - j));
        }
    }

    @Test
    void anMlpsLossesAlongTheLineMatchANumpyForwardPass(@TempDir Path tmp) throws Exception {
        PythonWithNumpy python = PythonWithNumpy.require();
        TrainingSpec spec = TrainingSpec.builder("blobs").architecture(Architecture.MLP).hiddenLayers(2).width(7).seed(1).build();
        TrainingSpec other = TrainingSpec.builder("blobs").architecture(Architecture.MLP).hiddenLayers(2).width(7).seed(2).build();
        NativeBackend.configure();
        ComputationGraph a = NetworkFactory.build(spec, SHAPE, CLASSES, 1);
        ComputationGraph b = NetworkFactory.build(other, SHAPE, CLASSES, 1);
        Samples train = samples(25, 7);
        Samples test = samples(15, 8);
        double[] alphas = {-0.5, -0.1, 0, 0.3, 0.5, 1, 1.25, 1.5};
        LinePath line = LinePath.between(CheckpointModel.of(spec, SHAPE, CLASSES, a.params().dup().data().asFloat()),
                widen(a.params().dup().data().asFloat()), widen(b.params().dup().data().asFloat()), alphas, train, test);

        // The weights go to numpy per layer, read from DL4J by name: the test does not rely on
        // knowing how the flat parameter vector is laid out.
        StringBuilder text = new StringBuilder();
        for (String layer : List.of("dense0", "dense1", "out")) {
            for (ComputationGraph net : List.of(a, b)) {
                text.append(matrix(net.getLayer(layer).getParam("W").toDoubleMatrix())).append('\n');
                text.append(matrix(new double[][] {net.getLayer(layer).getParam("b").toDoubleVector()})).append('\n');
            }
        }
        text.append(matrix(rows(train))).append('\n').append(vector(train.labels())).append('\n');
        text.append(matrix(rows(test))).append('\n').append(vector(test.labels())).append('\n');
        text.append(vector(alphas)).append('\n');
        Path data = Files.writeString(tmp.resolve("line.txt"), text);
        Path script = Files.writeString(tmp.resolve("line.py"), """
                import sys, json, numpy as np
                lines = open(sys.argv[1]).read().split('\\n')
                parse = lambda s: np.array(json.loads(s), dtype=float)
                layers = [[parse(lines[4 * k + i]) for i in range(4)] for k in range(3)]
                xtr, ytr, xte, yte, alphas = [parse(lines[12 + i]) for i in range(5)]
                def score(x, y, a):
                    h = x
                    for k, (wa, ba, wb, bb) in enumerate(layers):
                        h = h @ ((1 - a) * wa + a * wb) + ((1 - a) * ba + a * bb).ravel()
                        if k < 2: h = np.maximum(h, 0)
                    h = h - h.max(axis=1, keepdims=True)
                    logp = h - np.log(np.exp(h).sum(axis=1, keepdims=True))
                    idx = y.astype(int)
                    return -logp[np.arange(len(idx)), idx].mean(), (h.argmax(axis=1) == idx).mean()
                for a in alphas:
                    print(*score(xtr, ytr, a), *score(xte, yte, a))
                """);
        assertPointsAre(python.run(script.toString(), data.toString()), line, alphas);
    }

    @Test
    void progressRisesToOneAndACancelStopsAtTheNextPoint() {
        TrainingSpec spec = spec(Architecture.LINEAR, 1);
        float[] w = initial(spec);
        CheckpointModel model = CheckpointModel.of(spec, SHAPE, CLASSES, w);
        List<Double> fractions = new ArrayList<>();
        LinePath.between(model, widen(w), widen(w), LinePath.alphas(0, 1, 5), samples(6, 1), samples(6, 2),
                new JobMonitor((f, stage) -> fractions.add(f)));
        assertEquals(List.of(0.2, 0.4, 0.6, 0.8, 1.0), fractions);

        List<Double> seen = new ArrayList<>();
        JobMonitor[] monitor = new JobMonitor[1];
        monitor[0] = new JobMonitor((f, stage) -> {
            seen.add(f);
            if (seen.size() == 2) monitor[0].cancel();
        });
        assertThrows(CancellationException.class, () -> LinePath.between(model, widen(w), widen(w),
                LinePath.defaultAlphas(), samples(6, 1), samples(6, 2), monitor[0]));
        assertEquals(2, seen.size(), "no point is reported after the cancel");
    }

    /**
     * A line scored as a one-row grid on 3 network copies (the dense fast path for the plain MLP,
     * the generic path with statistics recomputed for batch norm) gives at every point what one
     * forward pass at (1-a) theta_0 + a theta_1 gives, to 1e-9.
     */
    @Test
    void onSeveralWorkersEveryPointIsTheForwardPassAtThatPoint() {
        Samples train = samples(25, 7), test = samples(15, 8);
        TrainingSpec plain = TrainingSpec.builder("blobs").architecture(Architecture.MLP).hiddenLayers(2).width(7).seed(1).build();
        TrainingSpec bn = TrainingSpec.builder("blobs").architecture(Architecture.MLP).hiddenLayers(1).width(6).batchNorm(true).seed(1).build();
        for (TrainingSpec spec : List.of(plain, bn)) {
            float[] start = initial(spec);
            NativeBackend.configure();
            float[] end = NetworkFactory.build(spec.toBuilder().seed(2).build(), SHAPE, CLASSES, 1).params().dup().data().asFloat();
            CheckpointModel model = CheckpointModel.forwardOnly(spec, SHAPE, CLASSES, start, train);
            double[] alphas = LinePath.alphas(-0.5, 1.5, 9);
            LinePath line = LinePath.between(model, widen(start), widen(end), alphas, train, test, JobMonitor.silent(), 3);
            CheckpointModel one = CheckpointModel.forwardOnly(spec, SHAPE, CLASSES, start, train);
            for (int k = 0; k < alphas.length; k++) {
                double[] theta = interpolate(widen(start), widen(end), alphas[k]);
                LinePath.Point p = line.points().get(k);
                String where = (spec.batchNorm() ? "batch norm" : "plain") + " MLP at a = " + alphas[k];
                assertEquals(LinePath.score(one, theta, train).loss(), p.trainLoss(), 1e-9, where);
                assertEquals(LinePath.score(one, theta, train).accuracy(), p.trainAccuracy(), 0, where);
                assertEquals(LinePath.score(one, theta, test).loss(), p.testLoss(), 1e-9, where);
            }
            assertNotEquals(line.points().get(0).trainLoss(), line.points().get(8).trainLoss(), 1e-6);
        }
    }

    @Test
    void scoringInChunksGivesWhatOnePassGives() {
        TrainingSpec spec = spec(Architecture.MLP, 1);
        float[] w = initial(spec);
        CheckpointModel model = CheckpointModel.of(spec, SHAPE, CLASSES, w);
        Samples s = samples(25, 3);
        ProbeScore whole = LinePath.score(model, widen(w), s, 25);
        ProbeScore chunked = LinePath.score(model, widen(w), s, 4);   // 6 full chunks and one of 1
        assertEquals(whole.loss(), chunked.loss(), 1e-12);
        assertEquals(whole.accuracy(), chunked.accuracy());
        assertEquals(recorded(spec, w, s).loss(), chunked.loss(), 1e-6);
    }

    @Test
    void aBatchNormMlpsLossesAlongTheLineMatchNumpyWithTheStatisticsOfTheTrainProbeAtEveryPoint(@TempDir Path tmp) throws Exception {
        PythonWithNumpy python = PythonWithNumpy.require();
        TrainingSpec spec = TrainingSpec.builder("blobs").architecture(Architecture.MLP).hiddenLayers(2).width(6).batchNorm(true).seed(1).build();
        NativeBackend.configure();
        // Every parameter random, the stored running statistics too: a line that used them (or
        // interpolated them) instead of recomputing them would be far from numpy's.
        ComputationGraph a = NetworkFactory.build(spec, SHAPE, CLASSES, 1);
        ComputationGraph b = NetworkFactory.build(spec, SHAPE, CLASSES, 1);
        SplittableRandom rng = new SplittableRandom(5);
        for (ComputationGraph net : List.of(a, b)) {
            float[] w = new float[(int) net.numParams()];
            for (int i = 0; i < w.length; i++) w[i] = (float) (rng.nextDouble() * 2 - 1);
            net.setParams(Nd4j.create(w, new long[] {1, w.length}));
        }
        Samples train = samples(30, 7);
        Samples test = samples(12, 8);
        double[] alphas = {-0.5, 0, 0.4, 1, 1.5};
        float[] start = a.params().dup().data().asFloat();
        CheckpointModel model = CheckpointModel.forwardOnly(spec, SHAPE, CLASSES, start, train);
        LinePath line = LinePath.between(model, widen(start), widen(b.params().dup().data().asFloat()), alphas, train, test);

        double eps = ((BatchNormalization) a.getLayer("dense0_bn").conf().getLayer()).getEps();
        StringBuilder text = new StringBuilder();
        for (String layer : List.of("dense0", "dense0_bn", "dense1", "dense1_bn", "out")) {
            String[] keys = layer.endsWith("_bn") ? new String[] {"gamma", "beta"} : new String[] {"W", "b"};
            for (ComputationGraph net : List.of(a, b)) {
                for (String key : keys) {
                    INDArray p = net.getLayer(layer).getParam(key);
                    text.append(matrix(p.rank() == 2 && p.rows() > 1 ? p.toDoubleMatrix() : new double[][] {p.toDoubleVector()})).append('\n');
                }
            }
        }
        text.append(matrix(rows(train))).append('\n').append(vector(train.labels())).append('\n');
        text.append(matrix(rows(test))).append('\n').append(vector(test.labels())).append('\n');
        text.append(vector(alphas)).append('\n').append(eps).append('\n');
        Path data = Files.writeString(tmp.resolve("bn.txt"), text);
        Path script = Files.writeString(tmp.resolve("bn.py"), """
                import sys, json, numpy as np
                lines = open(sys.argv[1]).read().split('\\n')
                parse = lambda s: np.array(json.loads(s), dtype=float)
                layers = [[parse(lines[4 * k + i]) for i in range(4)] for k in range(5)]
                xtr, ytr, xte, yte, alphas = [parse(lines[20 + i]) for i in range(5)]
                eps = float(lines[25])
                mix = lambda pa, pb, a: (1 - a) * pa + a * pb
                def forward(x, a, stats):
                    # stats None: batch statistics of x itself (the train probe), returned for the test probe
                    h, seen = x, []
                    for k, (pa, qa, pb, qb) in enumerate(layers):
                        if k in (1, 3):
                            mu, var = (h.mean(axis=0), h.var(axis=0)) if stats is None else stats[len(seen)]
                            seen.append((mu, var))
                            h = mix(pa, pb, a).ravel() * (h - mu) / np.sqrt(var + eps) + mix(qa, qb, a).ravel()
                            h = np.maximum(h, 0)
                        else:
                            h = h @ mix(pa, pb, a) + mix(qa, qb, a).ravel()
                    return h, seen
                def score(h, y):
                    h = h - h.max(axis=1, keepdims=True)
                    logp = h - np.log(np.exp(h).sum(axis=1, keepdims=True))
                    idx = y.astype(int)
                    return -logp[np.arange(len(idx)), idx].mean(), (h.argmax(axis=1) == idx).mean()
                for a in alphas:
                    htr, stats = forward(xtr, a, None)
                    hte, _ = forward(xte, a, stats)
                    print(*score(htr, ytr), *score(hte, yte))
                """);
        assertPointsAre(python.run(script.toString(), data.toString()), line, alphas);
        // a copy for another thread recomputes the same statistics
        double[] mid = interpolate(widen(start), widen(b.params().dup().data().asFloat()), alphas[2]);
        assertEquals(line.points().get(2).testLoss(), LinePath.score(model.copy(), mid, test).loss(), 1e-12);
        assertThrows(IllegalStateException.class, () -> model.lossGradient(train.features(), 0, 2, new double[2 * CLASSES], new double[model.parameterCount()]),
                "no gradients through recomputed statistics");
    }

    /** Each line of numpy's output: train loss, train accuracy, test loss, test accuracy at one a. */
    private static void assertPointsAre(String numpy, LinePath line, double[] alphas) {
        String[] out = numpy.trim().split("\n");
        assertEquals(alphas.length, out.length, String.join("\n", out));
        for (int k = 0; k < alphas.length; k++) {
            String[] f = out[k].trim().split("\\s+");
            LinePath.Point p = line.points().get(k);
            assertEquals(Double.parseDouble(f[0]), p.trainLoss(), 1e-6, "train loss at a = " + alphas[k]);
            assertEquals(Double.parseDouble(f[1]), p.trainAccuracy(), 1e-12, "train accuracy at a = " + alphas[k]);
            assertEquals(Double.parseDouble(f[2]), p.testLoss(), 1e-6, "test loss at a = " + alphas[k]);
            assertEquals(Double.parseDouble(f[3]), p.testAccuracy(), 1e-12, "test accuracy at a = " + alphas[k]);
        }
    }

    private static double[] interpolate(double[] from, double[] to, double a) {
        double[] t = new double[from.length];
        for (int i = 0; i < t.length; i++) t[i] = (1 - a) * from[i] + a * to[i];
        return t;
    }

    @Test
    void badRangesAndMismatchedEndsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LinePath.alphas(1, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> LinePath.alphas(0, 1, 1));
        TrainingSpec spec = spec(Architecture.LINEAR, 1);
        float[] w = initial(spec);
        CheckpointModel model = CheckpointModel.of(spec, SHAPE, CLASSES, w);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LinePath.between(model,
                widen(w), new double[w.length + 1], new double[] {0.5}, samples(5, 1), samples(5, 2)));
        assertTrue(e.getMessage().contains("parameters"), e.getMessage());
    }

    private static TrainingSpec spec(Architecture arch, long seed) {
        return TrainingSpec.builder("blobs").architecture(arch).hiddenLayers(1).width(8).seed(seed).build();
    }

    private static float[] initial(TrainingSpec spec) {
        NativeBackend.configure();
        return NetworkFactory.build(spec, SHAPE, CLASSES, 1).params().dup().data().asFloat();
    }

    /** The probe score as training records it: the float network's softmax through ProbeScore. */
    private static ProbeScore recorded(TrainingSpec spec, float[] params, Samples s) {
        ComputationGraph net = NetworkFactory.build(spec, SHAPE, CLASSES, 1);
        net.setParams(Nd4j.create(params, new long[] {1, params.length}));
        float[] probs = net.outputSingle(false, Nd4j.create(s.features(), new long[] {s.size(), DIMS}))
                .dup().data().asFloat();
        return ProbeScore.of(probs, s.labels(), CLASSES);
    }

    /** Overlapping Gaussian-ish blobs: not separable, so the loss stays soft. */
    private static Samples samples(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * DIMS];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % CLASSES;
            for (int k = 0; k < DIMS; k++) x[i * DIMS + k] = (float) ((k % CLASSES == y[i] ? 1.0 : 0.0) + rng.nextDouble() * 2 - 1);
        }
        return Samples.first(new Dataset("blobs", x, y, CLASSES, SHAPE, Dataset.numberedClassNames(CLASSES)), n);
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    static double[][] rows(Samples s) {
        double[][] r = new double[s.size()][s.dimension()];
        for (int i = 0; i < s.size(); i++) for (int k = 0; k < s.dimension(); k++) r[i][k] = s.features()[i * s.dimension() + k];
        return r;
    }

    static String matrix(double[][] m) {
        List<String> rows = new ArrayList<>();
        for (double[] row : m) rows.add(vector(row));
        return "[" + String.join(",", rows) + "]";
    }

    static String vector(double[] v) {
        List<String> s = new ArrayList<>();
        for (double x : v) s.add(String.format(Locale.ROOT, "%.17g", x));
        return "[" + String.join(",", s) + "]";
    }

    private static String vector(int[] v) {
        List<String> s = new ArrayList<>();
        for (int x : v) s.add(Integer.toString(x));
        return "[" + String.join(",", s) + "]";
    }
}
