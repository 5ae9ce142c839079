package org.predspace.landscape;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DatasetCatalog;
import org.predspace.data.InputShape;
import org.predspace.export.SharpnessCsv;
import org.predspace.platform.JobMonitor;
import org.predspace.runs.PythonWithNumpy;
import org.predspace.runs.Run;
import org.predspace.spectra.CheckpointModel;
import org.predspace.spectra.RunCheckpoint;
import org.predspace.spectra.Samples;
import org.predspace.training.TrainingRun;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.engine.NetworkFactory;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.TrainingSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.*;

@Tag("slow")
class RunSharpnessTest {
    @TempDir static Path tmp;
    static final DatasetCatalog CATALOG = new DatasetCatalog();
    static final int SAMPLES = 40;
    static Run softmax;

    /** Softmax regression on the 8 x 8 digits (650 parameters), with a snapshot at each of its checkpoints. */
    @BeforeAll
    static void trainSoftmaxRegression() throws Exception {
        softmax = trained("softmax", TrainingSpec.builder("digits").architecture(Architecture.LINEAR)
                .optimizer(OptimizerKind.SGD).learningRate(0.5).epochs(2).probeSize(200).checkpoints(3)
                .snapshots(SnapshotPolicy.ALL).build());
    }

    private static Run trained(String name, TrainingSpec spec) throws Exception {
        new TrainingRun(spec, CATALOG.load(spec.dataset()), tmp.resolve(name), e -> {}).execute();
        return Run.open(tmp.resolve(name));
    }

    @Test
    void theTopEigenvalueAtEveryCheckpointIsNumpysOfTheExactHessianOfSoftmaxRegression() throws Exception {
        PythonWithNumpy python = PythonWithNumpy.require();
        SharpnessCurve curve = RunSharpness.of(softmax, CATALOG, SAMPLES, JobMonitor.silent());
        long[] steps = softmax.parameterSteps();
        assertArrayEquals(steps, curve.steps(), "every checkpoint with a snapshot");
        assertEquals(3, steps.length);
        assertEquals(0.5, curve.learningRate());
        assertEquals(4.0, curve.edgeOfStability());
        assertEquals(SAMPLES, curve.samples());

        // The closed form (docs/science.md §7): H = 1/n sum_n (diag(p) - p p^T) kron x~ x~^T with
        // x~ = (x, 1), from the weights and the samples alone. The eigenvalues do not depend on
        // how the parameters are ordered, so numpy needs only W and b, read via the layout.
        RunCheckpoint first = RunCheckpoint.open(softmax, steps[0], CATALOG);
        Samples s = first.samples(SAMPLES);
        ParameterLayout layout = ParameterLayout.of(first.spec(), InputShape.image(1, 8, 8), 10);
        StringBuilder text = new StringBuilder();
        text.append(LinePathTest.matrix(LinePathTest.rows(s))).append('\n').append(Arrays.toString(s.labels())).append('\n');
        for (long step : steps) {
            float[] theta = softmax.parameters(step);
            double[][] w = new double[s.dimension()][layout.filterCount()];
            for (int o = 0; o < layout.filterCount(); o++) {
                int[] column = layout.filter(o);
                for (int i = 0; i < column.length; i++) w[i][o] = theta[column[i]];
            }
            int[] others = layout.others();
            double[] b = new double[others.length];
            for (int k = 0; k < b.length; k++) b[k] = theta[others[k]];
            text.append(LinePathTest.matrix(w)).append('\n').append(LinePathTest.vector(b)).append('\n');
        }
        Path data = Files.writeString(tmp.resolve("softmax.txt"), text);
        Path script = Files.writeString(tmp.resolve("softmax.py"), """
                import sys, json, numpy as np
                lines = open(sys.argv[1]).read().split('\\n')
                x = np.array(json.loads(lines[0]), dtype=float)
                n = len(x)
                xt = np.hstack([x, np.ones((n, 1))])
                k = 2
                while k + 1 < len(lines) and lines[k]:
                    w = np.array(json.loads(lines[k]), dtype=float)
                    b = np.array(json.loads(lines[k + 1]), dtype=float)
                    z = x @ w + b
                    z -= z.max(axis=1, keepdims=True)
                    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
                    h = sum(np.kron(np.diag(p[i]) - np.outer(p[i], p[i]), np.outer(xt[i], xt[i])) for i in range(n)) / n
                    print(repr(float(np.linalg.eigvalsh(h)[-1])))
                    k += 2
                """);
        String[] out = python.run(script.toString(), data.toString()).trim().split("\n");
        assertEquals(steps.length, out.length, String.join("\n", out));
        double[] sharpness = curve.sharpness();
        for (int i = 0; i < steps.length; i++) {
            double expected = Double.parseDouble(out[i].trim());
            assertEquals(expected, sharpness[i], 1e-6 * expected, "top eigenvalue at step " + steps[i]);
        }
        assertNotEquals(sharpness[0], sharpness[steps.length - 1], 1e-3 * sharpness[0], "training changed the curvature");
    }

    @Test
    void aReluMlpsSharpnessIsNumpysTopEigenvalueOfItsGaussNewtonMatrix(@TempDir Path dir) throws Exception {
        PythonWithNumpy python = PythonWithNumpy.require();
        int dims = 5, classes = 3;
        InputShape shape = InputShape.tabular(dims);
        TrainingSpec spec = TrainingSpec.builder("blobs").architecture(Architecture.MLP).hiddenLayers(1).width(8).seed(4).build();
        NativeBackend.configure();
        ComputationGraph net = NetworkFactory.build(spec, shape, classes, 1);
        SplittableRandom rng = new SplittableRandom(11);
        float[] x = new float[60 * dims];
        int[] y = new int[60];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % classes;
            for (int k = 0; k < dims; k++) x[i * dims + k] = (float) (rng.nextGaussian() + (k % classes == y[i] ? 1 : 0));
        }
        Samples s = new Samples(x, y, y.length, dims);
        double top = RunSharpness.topEigenvalue(CheckpointModel.of(spec, shape, classes,
                net.params().dup().data().asFloat()), s, JobMonitor.silent());

        // J of the logits by hand for z = relu(x W1 + b1) W2 + b2, then G = 1/n sum J^T (diag p - p p^T) J
        StringBuilder text = new StringBuilder();
        for (String layer : List.of("dense0", "out")) {
            text.append(LinePathTest.matrix(net.getLayer(layer).getParam("W").toDoubleMatrix())).append('\n');
            text.append(LinePathTest.vector(net.getLayer(layer).getParam("b").toDoubleVector())).append('\n');
        }
        text.append(LinePathTest.matrix(LinePathTest.rows(s))).append('\n');
        Path data = Files.writeString(dir.resolve("mlp.txt"), text);
        Path script = Files.writeString(dir.resolve("ggn.py"), """
                import sys, json, numpy as np
                w1, b1, w2, b2, x = [np.array(json.loads(l), dtype=float) for l in open(sys.argv[1]).read().split('\\n')[:5]]
                hidden, classes = w2.shape
                g = 0
                for xi in x:
                    a = xi @ w1 + b1
                    r = np.maximum(a, 0)
                    z = r @ w2 + b2
                    p = np.exp(z - z.max()); p /= p.sum()
                    jw1 = np.einsum('i,jc->cij', xi, w2 * (a > 0)[:, None]).reshape(classes, -1)
                    jb1 = (w2 * (a > 0)[:, None]).T
                    jw2 = np.einsum('j,ck->cjk', r, np.eye(classes)).reshape(classes, -1)
                    j = np.hstack([jw1, jb1, jw2, np.eye(classes)])
                    g = g + j.T @ (np.diag(p) - np.outer(p, p)) @ j
                print(repr(float(np.linalg.eigvalsh(g / len(x))[-1])))
                """);
        double expected = Double.parseDouble(python.run(script.toString(), data.toString()).trim());
        assertEquals(expected, top, 1e-6 * expected, "top eigenvalue of the Gauss-Newton matrix");
    }

    @Test
    void theCsvHasOneRowPerCheckpointWithTheLineTwoOverLr(@TempDir Path dir) throws Exception {
        SharpnessCurve curve = new SharpnessCurve(new long[] {0, 10, 20}, new double[] {3.5, Double.NaN, 39.75}, 0.05, 1000);
        Path file = dir.resolve("sharpness.csv");
        SharpnessCsv.write(file, "fashion-mlp", curve);
        List<String> lines = Files.readAllLines(file);
        assertEquals(List.of("run,step,top_gauss_newton_eigenvalue,learning_rate,two_over_lr,samples",
                "fashion-mlp,0,3.5,0.05,40.0,1000",
                "fashion-mlp,10,,0.05,40.0,1000",
                "fashion-mlp,20,39.75,0.05,40.0,1000"), lines);
    }

    @Test
    void aCancelStopsWithinOneCheckpoint() {
        List<String> stages = new ArrayList<>();
        JobMonitor[] monitor = new JobMonitor[1];
        monitor[0] = new JobMonitor((f, stage) -> {
            stages.add(stage);
            if (stage.startsWith("Lanczos step 3")) monitor[0].cancel();
        });
        assertThrows(CancellationException.class, () -> RunSharpness.of(softmax, CATALOG, SAMPLES, monitor[0]));
        assertTrue(stages.stream().noneMatch(s -> s.startsWith("Lanczos step 4")), String.join("; ", stages));
        assertTrue(stages.stream().noneMatch(s -> s.contains("2 of 3")), "no second checkpoint after the cancel");
    }

    @Test
    void runsItCannotMeasureAreRefusedInOneLine() throws Exception {
        Run none = trained("none", TrainingSpec.builder("iris").architecture(Architecture.LINEAR).epochs(1)
                .checkpoints(2).snapshots(SnapshotPolicy.NONE).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunSharpness.of(none, CATALOG, 10, JobMonitor.silent()));
        assertTrue(e.getMessage().contains("kept no parameter snapshots"), e.getMessage());

        Run bn = trained("bn", TrainingSpec.builder("iris").architecture(Architecture.MLP).width(4).batchNorm(true).epochs(1)
                .checkpoints(2).snapshots(SnapshotPolicy.ALL).build());
        e = assertThrows(IllegalArgumentException.class, () -> RunSharpness.of(bn, CATALOG, 10, JobMonitor.silent()));
        assertTrue(e.getMessage().startsWith("sharpness needs the Hessian of a network without batch norm"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));

        assertThrows(IllegalArgumentException.class, () -> RunSharpness.of(softmax, CATALOG, 0, JobMonitor.silent()));
    }
}
