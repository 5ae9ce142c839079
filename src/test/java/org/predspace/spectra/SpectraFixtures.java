package org.predspace.spectra;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.predspace.data.Dataset;
import org.predspace.data.InputShape;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.engine.NetworkFactory;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.TrainingSpec;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Tiny seeded data and networks for spectrum tests: everything small enough for dense checks. */
final class SpectraFixtures {
    static final int DIMS = 5;
    static final int CLASSES = 3;

    private SpectraFixtures() {}

    /** Overlapping Gaussian blobs: not separable, so predictions stay soft and the Fisher well conditioned. */
    static Dataset blobs(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * DIMS];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % CLASSES;
            for (int k = 0; k < DIMS; k++) {
                x[i * DIMS + k] = (float) ((k % CLASSES == y[i] ? 1.0 : 0.0) + rng.nextDouble() * 2 - 1);
            }
        }
        return new Dataset("blobs", x, y, CLASSES, InputShape.tabular(DIMS), Dataset.numberedClassNames(CLASSES));
    }

    static TrainingSpec spec(Architecture arch, int width) {
        return TrainingSpec.builder("blobs").architecture(arch).hiddenLayers(1).width(width).seed(3).build();
    }

    /** The spec's freshly initialised network as a checkpoint model (initial weights are as good a point as any). */
    static CheckpointModel model(Architecture arch, int width) {
        NativeBackend.configure();
        TrainingSpec spec = spec(arch, width);
        ComputationGraph net = NetworkFactory.build(spec, InputShape.tabular(DIMS), CLASSES, 1);
        return CheckpointModel.of(spec, InputShape.tabular(DIMS), CLASSES, net.params().dup().data().asFloat());
    }

    static Samples samples(int n) {
        return Samples.first(blobs(n, 7), n);
    }

    /** A diagonal operator: its eigenvalues are d. */
    static LinearOperator diagonal(double[] d) {
        return new LinearOperator() {
            @Override public int dimension() { return d.length; }
            @Override public void apply(double[] v, double[] out) {
                for (int i = 0; i < d.length; i++) out[i] = d[i] * v[i];
            }
        };
    }

    static double relativeGap(double a, double b, double scale) {
        return Math.abs(a - b) / scale;
    }

    static List<Double> boxed(double[] a) {
        return Arrays.stream(a).boxed().toList();
    }
}
