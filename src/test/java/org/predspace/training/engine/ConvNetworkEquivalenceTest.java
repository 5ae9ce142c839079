package org.predspace.training.engine;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.predspace.data.Dataset;
import org.predspace.data.InputShape;
import org.predspace.training.MinibatchSource;
import org.predspace.training.TestData;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.LearningRateSchedule;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.TrainingSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The convolutional fast path must be the same training as DL4J: same start, same updates,
 * same scores, same predictions and features, for every optimiser, with and without weight
 * decay, on 28 x 28 images (LeNet's unpadded convolutions) and 8 x 8 ones (Same padding, as
 * for the digits), and for a network outside LeNet's shape (strided first convolution without
 * activation, unpadded pooling) whose first layer takes the paths LeNet's does not.
 */
@Tag("slow")
class ConvNetworkEquivalenceTest {
    private static final int CLASSES = 3;
    private static final int STEPS = 12;
    /**
     * Both sides compute in float32 with different summation orders (LeNet's first-layer weight
     * gradient is a double sum in Java here, oneDNN's conv2d_bp in DL4J). Measured over 12 steps:
     * parameters within 2.2e-5, scores within 3.7e-6; with that sum in float, RMSProp on 28 x 28
     * drifted to 2.4e-3 (dividing by sqrt(s + eps) amplifies rounding where s is tiny), and
     * Adam at lr 0.005 to 1.1e-4. Each run prints its figures.
     */
    private static final double PARAM_TOLERANCE = 1e-4;
    private static final double SCORE_TOLERANCE = 1e-5;
    private static final double PROBABILITY_TOLERANCE = 1e-5;

    @BeforeAll
    static void threads() { NativeBackend.configure(); }

    static Stream<Arguments> trainings() {
        List<Arguments> cases = new ArrayList<>();
        for (int side : new int[] {28, 8}) {
            for (OptimizerKind opt : OptimizerKind.values()) {
                cases.add(Arguments.of(side, opt, 0.0, LearningRateSchedule.CONSTANT, 32));
            }
            cases.add(Arguments.of(side, OptimizerKind.ADAMW, 0.05, LearningRateSchedule.COSINE, 32));
            cases.add(Arguments.of(side, OptimizerKind.SGD, 0.05, LearningRateSchedule.COSINE, 32));
            // a batch that is not a power of two: the 1/batch scaling then rounds differently
            cases.add(Arguments.of(side, OptimizerKind.ADAM, 0.0, LearningRateSchedule.CONSTANT, 24));
        }
        return cases.stream();
    }

    static TrainingSpec spec(OptimizerKind opt, double decay, LearningRateSchedule schedule, int batch) {
        double lr = switch (opt) {
            case SGD -> 0.1;
            case NESTEROV -> 0.02;
            default -> 0.002;
        };
        return TrainingSpec.builder("test").architecture(Architecture.LENET).optimizer(opt)
                .learningRate(lr).weightDecay(decay).schedule(schedule)
                .warmupFraction(schedule == LearningRateSchedule.COSINE ? 0.25 : 0).batchSize(batch).seed(5).build();
    }

    @ParameterizedTest(name = "{0}x{0} {1} decay {2} {3} batch {4}")
    @MethodSource("trainings")
    void lenetTrainsLikeDl4j(int side, OptimizerKind opt, double decay, LearningRateSchedule schedule, int batch) {
        TrainingSpec spec = spec(opt, decay, schedule, batch);
        Dataset data = TestData.images("equivalence", 30, CLASSES, side, 7);
        TrainableNetwork fast = TrainableNetwork.create(spec, data.shape(), CLASSES, STEPS);
        assertEquals("nd4j-conv", fast.implementation());
        ComputationGraph dl4j = NetworkFactory.build(spec, data.shape(), CLASSES, STEPS);
        assertTrainsLike(dl4j, fast, data, batch, side + "x" + side + " " + opt + " decay " + decay + " " + schedule + " batch " + batch);
    }

    /**
     * First layers LeNet does not have: without activation, so neither the fused first-stage loop
     * nor ReLU applies, with stride 1 (its weight gradient as a forward convolution,
     * FirstLayerWeightGradient) and stride 2 (libnd4j's conv2d_bp).
     */
    @ParameterizedTest(name = "first layer stride {0}")
    @ValueSource(ints = {1, 2})
    void otherFirstLayersTrainLikeDl4j(int stride) {
        Dataset data = TestData.images("equivalence", 30, CLASSES, 12, 3);
        ComputationGraph dl4j = firstLayerNet(stride, Activation.IDENTITY, 2, 1, ConvolutionMode.Truncate, 12);
        ComputationGraph copy = firstLayerNet(stride, Activation.IDENTITY, 2, 1, ConvolutionMode.Truncate, 12);
        assertTrainsLike(dl4j, ConvNetwork.of(copy, data.shape()), data, 16, "first layer stride " + stride);
    }

    /**
     * A ReLU first layer (the fused first-stage loop) with pooling LeNet does not have: 3x3 windows
     * of stride 2, Same-padded on 11 x 11 maps, so windows overhang both edges (the general window
     * search), and overlapping 2x2 windows of stride 1 (the unrolled one).
     */
    @ParameterizedTest(name = "relu first layer, pool {0}x{0} stride {1} {2} on {3}x{3}")
    @CsvSource({"3, 2, Same, 11", "2, 1, Truncate, 12"})
    void reluFirstLayerWithOtherPoolingTrainsLikeDl4j(int poolKernel, int poolStride, ConvolutionMode poolMode, int side) {
        Dataset data = TestData.images("equivalence", 30, CLASSES, side, 3);
        ComputationGraph dl4j = firstLayerNet(1, Activation.RELU, poolKernel, poolStride, poolMode, side);
        ComputationGraph copy = firstLayerNet(1, Activation.RELU, poolKernel, poolStride, poolMode, side);
        assertTrainsLike(dl4j, ConvNetwork.of(copy, data.shape()), data, 16,
                "relu first layer, pool " + poolKernel + " stride " + poolStride + " " + poolMode + " on " + side);
    }

    /** Conv 4 x 3x3 Same with the given activation; the given max pooling; ReLU conv 2x2; dense 10; softmax. */
    private static ComputationGraph firstLayerNet(int stride, Activation activation, int poolKernel, int poolStride,
                                                  ConvolutionMode poolMode, int side) {
        var g = new NeuralNetConfiguration.Builder().seed(17).dataType(DataType.FLOAT).updater(new Nesterovs(0.05, 0.9))
                .graphBuilder().addInputs("in")
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).stride(stride, stride).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(activation).build(), "in")
                .addLayer("p1", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(poolKernel, poolKernel)
                        .stride(poolStride, poolStride).convolutionMode(poolMode).build(), "c1")
                .addLayer("c2", new ConvolutionLayer.Builder(2, 2).nOut(5).convolutionMode(ConvolutionMode.Truncate)
                        .activation(Activation.RELU).build(), "p1")
                .addLayer("d1", new DenseLayer.Builder().nOut(10).activation(Activation.RELU).build(), "c2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "d1")
                .setOutputs("out").setInputTypes(InputType.convolutionalFlat(side, side, 1)).build();
        ComputationGraph net = new ComputationGraph(g);
        net.init();
        return net;
    }

    private static void assertTrainsLike(ComputationGraph dl4jGraph, TrainableNetwork fast, Dataset data, int batch, String name) {
        int inputs = data.shape().size();
        GraphNetwork dl4j = new GraphNetwork(dl4jGraph, inputs, CLASSES);
        float[] start = dl4j.parameters();
        assertArrayEquals(start, fast.parameters(), "initial parameters");
        MinibatchSource batches = new MinibatchSource(data, batch, 0, false, 11);
        float[] x = new float[batch * inputs];
        float[] y = new float[batch * CLASSES];
        double maxParamDiff = 0, maxScoreDiff = 0;
        for (int step = 0; step < STEPS; step++) {
            batches.next(x, y);
            double expectedScore = dl4j.fitBatch(x, y, batch);
            double score = fast.fitBatch(x, y, batch);
            maxScoreDiff = Math.max(maxScoreDiff, Math.abs(score - expectedScore) / Math.abs(expectedScore));
            maxParamDiff = Math.max(maxParamDiff, DenseNetworkEquivalenceTest.maxRelativeDifference(fast.parameters(), dl4j.parameters()));
        }
        String measured = String.format("max param diff %.2e, max score diff %.2e", maxParamDiff, maxScoreDiff);
        System.out.println(name + ": " + measured);
        assertTrue(maxParamDiff < PARAM_TOLERANCE, measured);
        assertTrue(maxScoreDiff < SCORE_TOLERANCE, measured);
        // guards against a vacuous pass: training must have changed the parameters noticeably
        assertTrue(DenseNetworkEquivalenceTest.maxRelativeDifference(dl4j.parameters(), start) > 100 * PARAM_TOLERANCE, "parameters barely moved");

        float[] probe = data.featuresView();
        TrainableNetwork.Outputs expected = dl4j.predictWithFeatures(probe, data.size());
        TrainableNetwork.Outputs actual = fast.predictWithFeatures(probe, data.size());
        assertEquals(dl4j.featureSize(), fast.featureSize());
        assertArrayEquals(expected.probabilities(), actual.probabilities(), (float) PROBABILITY_TOLERANCE, "probabilities");
        assertArrayEquals(expected.features(), actual.features(), 1e-4f, "features");
        assertArrayEquals(actual.probabilities(), fast.predict(probe, data.size()), "predict and predictWithFeatures agree");
    }

    /** Also for allcnn: its running statistics are parameters too, and DL4J's inference reads them. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"LENET", "ALLCNN"})
    void dl4jLoadsTheFastPathsParametersAndPredictsTheSame(Architecture arch) {
        Dataset data = TestData.images("equivalence", 20, CLASSES, 8, 1);
        TrainingSpec spec = spec(OptimizerKind.ADAM, 0, LearningRateSchedule.CONSTANT, 32).toBuilder().architecture(arch).build();
        TrainableNetwork fast = TrainableNetwork.create(spec, data.shape(), CLASSES, STEPS);
        MinibatchSource batches = new MinibatchSource(data, 32, 0, false, 1);
        float[] x = new float[32 * data.shape().size()];
        float[] y = new float[32 * CLASSES];
        for (int i = 0; i < 10; i++) {
            batches.next(x, y);
            fast.fitBatch(x, y, 32);
        }
        ComputationGraph loaded = NetworkFactory.build(spec.toBuilder().seed(99).build(), data.shape(), CLASSES, STEPS);
        loaded.setParams(Nd4j.createFromArray(fast.parameters()).reshape(1, fast.numParams()));
        float[] expected = fast.predict(data.featuresView(), data.size());
        float[] actual = new GraphNetwork(loaded, data.shape().size(), CLASSES).predict(data.featuresView(), data.size());
        assertArrayEquals(expected, actual, 1e-5f);
    }

    @Test
    void refusesNetworksItDoesNotComputeWithAReason() {
        InputShape image = InputShape.image(1, 8, 8);
        TrainingSpec.Builder b = TrainingSpec.builder("test");
        for (TrainingSpec spec : List.of(b.architecture(Architecture.RESNET).build(),
                b.architecture(Architecture.MLP).batchNorm(false).build())) {
            ComputationGraph net = NetworkFactory.build(spec, spec.architecture() == Architecture.MLP ? InputShape.tabular(64) : image, 3, 10);
            InputShape shape = spec.architecture() == Architecture.MLP ? InputShape.tabular(64) : image;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConvNetwork.of(net, shape));
            assertTrue(e.getMessage().startsWith("not a plain convolutional network: "), e.getMessage());
        }
    }

    @Test
    void factoryChoosesTheConvolutionalPathForNetworksWithoutBranches() {
        InputShape image = InputShape.image(1, 8, 8);
        TrainingSpec.Builder b = TrainingSpec.builder("test");
        assertEquals("nd4j-conv", TrainableNetwork.create(b.architecture(Architecture.LENET).build(), image, 3, 10).implementation());
        assertEquals("nd4j-conv", TrainableNetwork.create(b.architecture(Architecture.LENET).batchNorm(true).build(), image, 3, 10).implementation());
        assertEquals("nd4j-conv", TrainableNetwork.create(b.architecture(Architecture.ALLCNN).build(), image, 3, 10).implementation());
        assertEquals("dl4j", TrainableNetwork.create(b.architecture(Architecture.RESNET).build(), image, 3, 10).implementation());
    }
}
