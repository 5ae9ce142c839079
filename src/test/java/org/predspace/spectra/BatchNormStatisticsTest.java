package org.predspace.spectra;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.data.Dataset;
import org.predspace.data.InputShape;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.engine.NetworkFactory;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.TrainingSpec;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Recomputed batch-norm statistics on convolutions (per channel over samples, rows and columns):
 * the forward-only model's predictions on the probe equal DL4J's own training-mode forward pass
 * with the whole probe as one batch, which normalises with that batch's statistics.
 */
class BatchNormStatisticsTest {
    static final InputShape SHAPE = InputShape.image(1, 8, 8);
    static final int CLASSES = 4;

    @Test
    void aBatchNormLenetOnTheProbePredictsWhatTrainingModeDoesWithTheProbeAsItsBatch() {
        NativeBackend.configure();
        TrainingSpec spec = TrainingSpec.builder("blobs").architecture(Architecture.LENET).batchNorm(true).seed(3).build();
        ComputationGraph net = NetworkFactory.build(spec, SHAPE, CLASSES, 1);
        SplittableRandom rng = new SplittableRandom(9);
        float[] w = new float[(int) net.numParams()];
        for (int i = 0; i < w.length; i++) w[i] = (float) (rng.nextGaussian() * 0.3);   // stored statistics random too
        Samples probe = samples(37, rng);

        CheckpointModel model = CheckpointModel.forwardOnly(spec, SHAPE, CLASSES, w, probe);
        assertTrue(model.recomputesBatchNorm());
        double[] recomputed = model.probabilities(probe.features(), 0, probe.size());

        ComputationGraph reference = model.copy().network();   // its parameters, a training-mode pass of its own
        INDArray x = Nd4j.create(widen(probe.features()), new long[] {probe.size(), SHAPE.size()});
        double[] batch = reference.outputSingle(true, x).dup('c').data().asDouble();
        for (int i = 0; i < batch.length; i++) assertEquals(batch[i], recomputed[i], 1e-9, "probability " + i);

        // the stored (random) statistics predict something else: the check above is not vacuous
        ComputationGraph stored = NetworkFactory.build(spec, SHAPE, CLASSES, 1).convertDataType(DataType.DOUBLE);
        stored.setParams(Nd4j.create(widen(w), new long[] {1, w.length}));
        double[] asStored = stored.outputSingle(false, x).dup('c').data().asDouble();
        double largest = 0;
        for (int i = 0; i < batch.length; i++) largest = Math.max(largest, Math.abs(asStored[i] - batch[i]));
        assertTrue(largest > 1e-2, "stored statistics differ from the probe's: " + largest);
    }

    @Test
    void spectraStillRefuseBatchNorm() {
        TrainingSpec spec = TrainingSpec.builder("blobs").architecture(Architecture.MLP).batchNorm(true).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckpointModel.of(spec, InputShape.tabular(5), 3, new float[0]));
        assertTrue(e.getMessage().startsWith("spectra need per-sample gradients"), e.getMessage());
    }

    private static Samples samples(int n, SplittableRandom rng) {
        float[] x = new float[n * SHAPE.size()];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % CLASSES;
            for (int k = 0; k < SHAPE.size(); k++) x[i * SHAPE.size() + k] = (float) (rng.nextDouble() + (k % CLASSES == y[i] ? 0.5 : 0));
        }
        return Samples.first(new Dataset("blobs", x, y, CLASSES, SHAPE, Dataset.numberedClassNames(CLASSES)), n);
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }
}
