package org.predspace.spectra;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.data.InputShape;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.engine.NetworkFactory;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.TrainingSpec;

import static org.junit.jupiter.api.Assertions.*;

class CheckpointModelTest {
    @Test
    void doubleCopyPredictsWhatTheFloatNetworkPredicts() {
        NativeBackend.configure();
        TrainingSpec spec = SpectraFixtures.spec(Architecture.MLP, 16);
        ComputationGraph floatNet = NetworkFactory.build(spec, InputShape.tabular(SpectraFixtures.DIMS), SpectraFixtures.CLASSES, 1);
        float[] params = floatNet.params().dup().data().asFloat();
        CheckpointModel model = CheckpointModel.of(spec, InputShape.tabular(SpectraFixtures.DIMS), SpectraFixtures.CLASSES, params);
        Samples s = SpectraFixtures.samples(20);
        float[] expected = floatNet.outputSingle(false, Nd4j.create(s.features(), new long[] {20, SpectraFixtures.DIMS}))
                .dup().data().asFloat();
        double[] actual = model.probabilities(s.features(), 0, 20);
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], 1e-6, "output " + i);
        assertArrayEquals(params, toFloat(model.parameters()), "the snapshot round-trips through double");
        assertEquals(DataType.DOUBLE, model.network().params().dataType());
    }

    @Test
    void gradientOfABatchIsTheSumOfPerSampleGradients() {
        CheckpointModel model = SpectraFixtures.model(Architecture.MLP, 8);
        Samples s = SpectraFixtures.samples(2);
        int p = model.parameterCount();
        double[] both = new double[p];
        double[] first = new double[p];
        double[] second = new double[p];
        model.lossGradient(s.features(), 0, 2, new double[] {1, 0, 0, 0, 1, 0}, both);
        model.lossGradient(s.features(), 0, 1, new double[] {1, 0, 0}, first);
        model.lossGradient(s.features(), 1, 1, new double[] {0, 1, 0}, second);
        for (int a = 0; a < p; a++) assertEquals(first[a] + second[a], both[a], 1e-12);
    }

    @Test
    void aCopyHasTheSameGradientsAndItsOwnParameters() {
        CheckpointModel model = SpectraFixtures.model(Architecture.MLP, 8);
        CheckpointModel copy = model.copy();
        Samples s = SpectraFixtures.samples(3);
        int p = model.parameterCount();
        double[] expected = new double[p];
        double[] actual = new double[p];
        model.lossGradient(s.features(), 2, 1, new double[] {0, 0, 1}, expected);
        copy.lossGradient(s.features(), 2, 1, new double[] {0, 0, 1}, actual);
        assertArrayEquals(expected, actual);
        double[] w = copy.parameters();
        w[0] += 1;
        copy.setParameters(w);
        assertEquals(w[0] - 1, model.parameters()[0], "the original keeps its parameters");
    }

    @Test
    void batchNormNetworksAreRefusedWithAReason() {
        TrainingSpec spec = TrainingSpec.builder("blobs").architecture(Architecture.MLP).batchNorm(true).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckpointModel.of(spec, InputShape.tabular(5), 3, new float[0]));
        assertTrue(e.getMessage().contains("batch norm"), e.getMessage());
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }
}
