package org.predspace.training.engine;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.predspace.data.Dataset;
import org.predspace.data.InputShape;
import org.predspace.training.MinibatchSource;
import org.predspace.training.TestData;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.LearningRateSchedule;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.TrainingSpec;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The channels-last (NHWC) training pass (allcnn's by default, LeNet with batch norm's on request)
 * against the NCHW one from the same parameters: the same
 * step (with SGD, each parameter's step is its gradient times the rate), the same running
 * statistics and score, within float rounding (the two sum in different orders). Images with
 * H != W and odd channel counts, so that a permutation that swaps height and width, or mixes
 * channels, moves values; LeNet with batch norm checks the last maps' C, H, W order before the
 * dense layers, and a first convolution with a bias the GEMM's row of ones.
 */
class ChannelsLastTrainingTest {
    private static final int CLASSES = 3;
    /**
     * Of a trained array's step (relative, Euclidean norm). Both layouts start from the same
     * parameters, so they differ only by rounding (and ReLU masks it flips at values within
     * rounding of zero); a wrong permutation or batch-norm sum is off by the step's own size.
     */
    private static final double STEP_TOLERANCE = 1e-3;
    /** Running means and spreads, relative (floor 1e-2). */
    private static final double STATISTICS_TOLERANCE = 1e-5;

    @BeforeAll
    static void threads() { NativeBackend.configure(); }

    /** allcnn's stages (Same convolutions without bias, one strided, a 1 x 1; batch norm with and without ReLU; global average). */
    @Test
    void allCnnShapedStepMatchesChannelsFirst() {
        GraphBuilder g = graph(InputShape.image(1, 10, 13));
        String x = convBatchNorm(g, "c1", "in", 5, 3, 1, false, true);
        x = convBatchNorm(g, "c2", x, 7, 3, 2, false, true);
        x = convBatchNorm(g, "c3", x, 7, 1, 1, false, false);
        g.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        assertSameStep(output(g, "pool"), InputShape.image(1, 10, 13), 12);
    }

    /**
     * LeNet with batch norm: Truncate convolutions, max pooling, 7 x 3 x 2 last maps flattened as C, H, W.
     * The first convolution has a bias and a ReLU of its own (a bias before batch norm has a zero gradient).
     */
    @Test
    void leNetShapedStepMatchesChannelsFirst() {
        InputShape shape = InputShape.image(1, 17, 12);
        GraphBuilder g = graph(shape);
        g.addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(5).convolutionMode(ConvolutionMode.Truncate)
                .activation(Activation.RELU).build(), "in");
        g.addLayer("p1", maxPool(), "c1");
        String x = convBatchNorm(g, "c2", "p1", 7, 3, 1, true, true);
        g.addLayer("p2", maxPool(), x);
        g.addLayer("fc", new DenseLayer.Builder().nOut(9).activation(Activation.RELU).build(), "p2");
        assertSameStep(output(g, "fc"), shape, 10);
    }

    /** The real allcnn (28 x 28, 16 and 32 channels) and LeNet with batch norm, as the app builds them. */
    @Test
    void bundledArchitecturesStepAlike() {
        Dataset data = TestData.images("layouts", 24, CLASSES, 28, 5);
        for (Architecture arch : new Architecture[] {Architecture.ALLCNN, Architecture.LENET}) {
            TrainingSpec spec = ConvNetworkEquivalenceTest.spec(OptimizerKind.SGD, 0.0, LearningRateSchedule.CONSTANT, 24)
                    .toBuilder().architecture(arch).batchNorm(true).build();
            ComputationGraph net = NetworkFactory.build(spec, data.shape(), CLASSES, 4);
            float[] x = new float[24 * data.shape().size()];
            float[] y = new float[24 * CLASSES];
            new MinibatchSource(data, 24, 0, false, 3).next(x, y);
            assertSameStep(net, data.shape(), x, y, 24);
        }
    }

    private static void assertSameStep(ComputationGraph net, InputShape shape, int batch) {
        SplittableRandom random = new SplittableRandom(17);
        float[] x = new float[batch * shape.size()];
        for (int i = 0; i < x.length; i++) x[i] = (float) random.nextDouble();
        float[] y = new float[batch * CLASSES];
        for (int r = 0; r < batch; r++) y[r * CLASSES + random.nextInt(CLASSES)] = 1;
        assertSameStep(net, shape, x, y, batch);
    }

    /** One step of each layout from {@code net}'s parameters, then a second from there, compared array by array. */
    private static void assertSameStep(ComputationGraph net, InputShape shape, float[] x, float[] y, int batch) {
        ConvNetwork last = ConvNetwork.of(net, shape);
        ConvNetwork first = ConvNetwork.of(net, shape);
        boolean pooled = Arrays.stream(net.getLayers()).anyMatch(l -> l.conf().getLayer() instanceof SubsamplingLayer);
        assertEquals(!pooled, last.trainsChannelsLast(), "batch norm without max pooling trains channels last by default");
        last.trainChannelsLast(true);
        first.trainChannelsLast(false);
        float[] start = last.parameters();
        for (int step = 0; step < 2; step++) {
            double lastScore = last.fitBatch(x, y, batch);
            double firstScore = first.fitBatch(x, y, batch);
            assertEquals(firstScore, lastScore, 1e-6 * Math.abs(firstScore), "score");
            float[] expected = first.parameters(), actual = last.parameters();
            assertStepsAlike(net, start, expected, actual, "step " + step);
            start = expected;
        }
    }

    /** Per parameter array of {@code net}'s layers: trained arrays' steps within {@link #STEP_TOLERANCE}, running statistics alike. */
    private static void assertStepsAlike(ComputationGraph net, float[] start, float[] expected, float[] actual, String when) {
        int offset = 0;
        for (var layer : net.getLayers()) {
            for (var entry : layer.paramTable().entrySet()) {
                String name = layer.conf().getLayer().getLayerName() + "." + entry.getKey() + " (" + when + ")";
                int n = (int) entry.getValue().length();
                boolean statistic = entry.getKey().equals("mean") || entry.getKey().equals("log10stdev");
                double step = 0, error = 0;
                for (int i = offset; i < offset + n; i++) {
                    step += Math.pow((double) expected[i] - start[i], 2);
                    error += Math.pow((double) actual[i] - expected[i], 2);
                    if (statistic) {
                        double relative = Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), 1e-2);
                        assertTrue(relative < STATISTICS_TOLERANCE, name + " differs by " + relative);
                    }
                }
                assertTrue(step > 0, name + " did not change");
                if (!statistic) {
                    double relative = Math.sqrt(error / step);
                    assertTrue(relative < STEP_TOLERANCE, name + ": steps differ by " + relative + " of their size");
                }
                offset += n;
            }
        }
        assertEquals(start.length, offset);
    }

    private static GraphBuilder graph(InputShape shape) {
        return new NeuralNetConfiguration.Builder().seed(29).dataType(DataType.FLOAT).updater(new Sgd(0.1))
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutionalFlat(shape.height(), shape.width(), 1));
    }

    /** A convolution without bias (Same, or Truncate when {@code truncate}), batch norm, and a ReLU when {@code relu}. */
    private static String convBatchNorm(GraphBuilder g, String name, String input, int channels, int kernel, int stride,
                                        boolean truncate, boolean relu) {
        ConvolutionMode mode = truncate ? ConvolutionMode.Truncate : ConvolutionMode.Same;
        g.addLayer(name, new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nOut(channels).convolutionMode(mode)
                .activation(Activation.IDENTITY).hasBias(false).build(), input);
        g.addLayer(name + "_bn", new BatchNormalization.Builder().build(), name);
        if (!relu) return name + "_bn";
        g.addLayer(name + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "_bn");
        return name + "_relu";
    }

    private static SubsamplingLayer maxPool() {
        return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).convolutionMode(ConvolutionMode.Same).build();
    }

    private static ComputationGraph output(GraphBuilder g, String input) {
        g.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES).activation(Activation.SOFTMAX).build(), input)
                .setOutputs("out");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }
}
