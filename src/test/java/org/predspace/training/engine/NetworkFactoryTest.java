package org.predspace.training.engine;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.predspace.data.Dataset;
import org.predspace.data.InputShape;
import org.predspace.training.ProbeEvaluation;
import org.predspace.training.TestData;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.TrainingSpec;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class NetworkFactoryTest {

    @BeforeAll
    static void threads() { NativeBackend.configure(); }

    private static TrainingSpec spec(Architecture a, boolean bn) {
        return TrainingSpec.builder("test").architecture(a).batchNorm(bn).width(16).hiddenLayers(2).seed(3).build();
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void everyArchitectureGivesSoftmaxRowsOnImages(Architecture a) {
        for (int side : new int[] {8, 28}) {
            Dataset d = TestData.images("img", 2, 3, side, 1);
            ComputationGraph net = NetworkFactory.build(spec(a, true), d.shape(), 3, 100);
            ProbeEvaluation e = ProbeEvaluation.of(new GraphNetwork(net, d.shape().size(), 3), d);
            assertEquals(6 * 3, e.probabilities().length);
            for (int i = 0; i < 6; i++) {
                double sum = 0;
                for (int c = 0; c < 3; c++) sum += e.probabilities()[i * 3 + c];
                assertEquals(1.0, sum, 1e-5, a + " on " + side + "x" + side + ", row " + i);
            }
        }
    }

    @Test
    void linearIsSoftmaxRegression() {
        ComputationGraph net = NetworkFactory.build(spec(Architecture.LINEAR, false), InputShape.tabular(7), 4, 10);
        assertEquals(7 * 4 + 4, net.numParams());
    }

    @Test
    void mlpHasTheRequestedDepthAndWidth() {
        ComputationGraph net = NetworkFactory.build(spec(Architecture.MLP, false), InputShape.tabular(10), 3, 10);
        assertEquals((10 * 16 + 16) + (16 * 16 + 16) + (16 * 3 + 3), net.numParams());
    }

    @Test
    void lenetOnMnistSizedImagesHasLeNet5ParameterCount() {
        ComputationGraph net = NetworkFactory.build(spec(Architecture.LENET, false), InputShape.image(1, 28, 28), 10, 10);
        long expected = (5 * 5 * 6 + 6) + (5 * 5 * 6 * 16 + 16) + (4 * 4 * 16 * 120 + 120) + (120 * 84 + 84) + (84 * 10 + 10);
        assertEquals(expected, net.numParams());
    }

    @Test
    void imageArchitecturesRefuseTabularDataByName() {
        for (Architecture a : new Architecture[] {Architecture.LENET, Architecture.ALLCNN, Architecture.RESNET}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NetworkFactory.build(spec(a, false), InputShape.tabular(4), 3, 10));
            assertTrue(e.getMessage().contains(a.id()) && e.getMessage().contains("image"), e.getMessage());
        }
    }

    @Test
    void seedZeroIsReproducibleAcrossThreads() throws Exception {
        // DL4J reads seed 0 as "unseeded" and draws from the clock; the factory must not
        TrainingSpec zero = spec(Architecture.MLP, false).toBuilder().seed(0).build();
        float[] here = NetworkFactory.build(zero, InputShape.tabular(5), 3, 10).params().toFloatVector();
        float[][] there = new float[1][];
        Thread t = new Thread(() -> there[0] = NetworkFactory.build(zero, InputShape.tabular(5), 3, 10).params().toFloatVector());
        t.start();
        t.join();
        assertArrayEquals(here, there[0]);
    }

    @Test
    void seedFixesTheInitialisation() {
        InputShape s = InputShape.tabular(5);
        float[] a = NetworkFactory.build(spec(Architecture.MLP, false), s, 3, 10).params().toFloatVector();
        float[] b = NetworkFactory.build(spec(Architecture.MLP, false), s, 3, 10).params().toFloatVector();
        TrainingSpec other = spec(Architecture.MLP, false).toBuilder().seed(4).build();
        float[] c = NetworkFactory.build(other, s, 3, 10).params().toFloatVector();
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }
}
