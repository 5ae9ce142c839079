package org.predspace.training.engine;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.predspace.data.Dataset;
import org.predspace.training.MinibatchSource;
import org.predspace.training.TestData;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.LearningRateSchedule;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.TrainingSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The convolutional fast path with batch norm (allcnn, LeNet with batch norm) must be DL4J's
 * training: from the same parameters, the same predictions and features in inference mode (where
 * the running statistics replace the batch's), then the same step: parameters after it, the
 * running means and spreads included (DL4J updates them itself, through a NoOp updater), and
 * score. Every optimiser, weight decay, a batch that is not a power of two, 28 x 28 and 8 x 8
 * images, and batch norm in its variance parametrisation and without a ReLU after it.
 *
 * <p>Why steps from DL4J's states rather than one long trajectory as in ConvNetworkEquivalenceTest:
 * batch norm centres every map on zero before its ReLU, so many values sit within rounding of
 * zero, and a parameter one float ulp away flips some of their ReLU masks. After the first step
 * (agreeing to 6e-8) allcnn's trajectories drifted 4e-6 apart in one step from such flips, and
 * over 12 steps to 2e-2 (SGD, lr 0.1) and 0.46 (RMSProp, whose update has the size of the learning
 * rate even for the tiniest gradients), the same under both implementations' orders of summation.
 * So each check starts both from DL4J's parameters at several points of DL4J's own trajectory,
 * with fresh updater state (the updaters' multi-step state is the dense path's code, checked over
 * whole trajectories by DenseNetworkEquivalenceTest and ConvNetworkEquivalenceTest).
 */
@Tag("slow")
class BatchNormConvEquivalenceTest {
    private static final int CLASSES = 3;
    private static final int STEPS = 12;
    /** DL4J's steps before each comparison: the initial state, then states with moved running statistics. */
    private static final int[] CHECKPOINTS = {0, 3, 8};
    /**
     * Of a trained array's step (relative, Euclidean norm). Measured at most 5e-5 on 8 x 8 images
     * with SGD, up to 4e-2 on 28 x 28 with Adam: the ReLU flips above (a flipped mask moves a
     * sum of gradients that nearly cancel, and Adam's first step is nearly the gradient's sign).
     * A broken batch norm gradient is off by the size of the step itself.
     */
    private static final double STEP_TOLERANCE = 0.1;
    /**
     * Running means and spreads, relative (floor 1e-2): their update has no ReLU in it. Measured at
     * most 2.7e-5 (1.4e-7 absolute: the batch means summed in float by libnd4j, in double here).
     */
    private static final double STATISTICS_TOLERANCE = 1e-4;
    private static final double SCORE_TOLERANCE = 1e-5;
    private static final float PROBABILITY_TOLERANCE = 1e-5f;
    private static final Set<String> STATISTICS = Set.of("mean", "log10stdev", "var");

    @BeforeAll
    static void threads() { NativeBackend.configure(); }

    /** ConvNetworkEquivalenceTest's cases for allcnn, and two for LeNet with batch norm. */
    static Stream<Arguments> trainings() {
        Stream<Arguments> allcnn = ConvNetworkEquivalenceTest.trainings().map(a -> {
            List<Object> values = new ArrayList<>(List.of(a.get()));
            values.add(0, Architecture.ALLCNN);
            return Arguments.of(values.toArray());
        });
        Stream<Arguments> lenet = Stream.of(28, 8).flatMap(side -> Stream.of(
                Arguments.of(Architecture.LENET, side, OptimizerKind.ADAM, 0.0, LearningRateSchedule.CONSTANT, 32),
                Arguments.of(Architecture.LENET, side, OptimizerKind.NESTEROV, 0.05, LearningRateSchedule.CONSTANT, 24)));
        return Stream.concat(allcnn, lenet);
    }

    @ParameterizedTest(name = "{0} {1}x{1} {2} decay {3} {4} batch {5}")
    @MethodSource("trainings")
    void trainsLikeDl4j(Architecture arch, int side, OptimizerKind opt, double decay, LearningRateSchedule schedule, int batch) {
        TrainingSpec spec = ConvNetworkEquivalenceTest.spec(opt, decay, schedule, batch).toBuilder()
                .architecture(arch).batchNorm(true).build();
        Dataset data = TestData.images("equivalence", 30, CLASSES, side, 7);
        assertEquals("nd4j-conv", TrainableNetwork.create(spec, data.shape(), CLASSES, STEPS).implementation());
        assertStepsLikeDl4j(() -> NetworkFactory.build(spec, data.shape(), CLASSES, STEPS), data, batch,
                arch.id() + " " + side + "x" + side + " " + opt + " decay " + decay + " " + schedule + " batch " + batch);
    }

    /**
     * Batch norm outside allcnn's shape: its variance parametrisation (useLogStd off) with a ReLU
     * after it, and the default one without, straight into the global pooling.
     */
    @ParameterizedTest(name = "log std {0}, relu {1}")
    @CsvSource({"false, true", "true, false"})
    void otherBatchNormsTrainLikeDl4j(boolean logStd, boolean relu) {
        Dataset data = TestData.images("equivalence", 30, CLASSES, 10, 3);
        assertStepsLikeDl4j(() -> batchNormNet(logStd, relu), data, 16, "log std " + logStd + ", relu " + relu);
    }

    /**
     * Trains a DL4J network from {@code build} and, at each of {@link #CHECKPOINTS}, starts the fast
     * path and a fresh DL4J network from its parameters: same inference outputs, then the same step.
     */
    private static void assertStepsLikeDl4j(Supplier<ComputationGraph> build, Dataset data, int batch, String name) {
        int inputs = data.shape().size();
        ComputationGraph reference = build.get();
        MinibatchSource batches = new MinibatchSource(data, batch, 0, false, 11);
        float[] x = new float[batch * inputs];
        float[] y = new float[batch * CLASSES];
        double maxStepError = 0, maxStatisticsDiff = 0, maxScoreDiff = 0, maxProbabilityDiff = 0;
        int done = 0;
        for (int checkpoint : CHECKPOINTS) {
            for (; done < checkpoint; done++) {
                batches.next(x, y);
                new GraphNetwork(reference, inputs, CLASSES).fitBatch(x, y, batch);
            }
            INDArray start = reference.params().dup();
            ComputationGraph copy = build.get();
            copy.setParams(start);
            TrainableNetwork fast = ConvNetwork.of(copy, data.shape());
            ComputationGraph expectedGraph = build.get();
            expectedGraph.setParams(start);
            GraphNetwork expected = new GraphNetwork(expectedGraph, inputs, CLASSES);
            assertArrayEquals(expected.parameters(), fast.parameters(), "starting parameters");

            float[] probe = data.featuresView();
            TrainableNetwork.Outputs want = expected.predictWithFeatures(probe, data.size());
            TrainableNetwork.Outputs got = fast.predictWithFeatures(probe, data.size());
            assertEquals(expected.featureSize(), fast.featureSize());
            assertArrayEquals(want.probabilities(), got.probabilities(), PROBABILITY_TOLERANCE, "probabilities");
            assertArrayEquals(want.features(), got.features(), 1e-4f, "features");
            assertArrayEquals(got.probabilities(), fast.predict(probe, data.size()), "predict and predictWithFeatures agree");
            for (int i = 0; i < got.probabilities().length; i++) {
                maxProbabilityDiff = Math.max(maxProbabilityDiff, Math.abs(got.probabilities()[i] - want.probabilities()[i]));
            }

            batches.next(x, y);
            done++;
            double expectedScore = expected.fitBatch(x, y, batch);
            double score = fast.fitBatch(x, y, batch);
            new GraphNetwork(reference, inputs, CLASSES).fitBatch(x, y, batch);
            maxScoreDiff = Math.max(maxScoreDiff, Math.abs(score - expectedScore) / Math.abs(expectedScore));
            double[] errors = stepErrors(expectedGraph, start.toFloatVector(), expected.parameters(), fast.parameters());
            maxStepError = Math.max(maxStepError, errors[0]);
            maxStatisticsDiff = Math.max(maxStatisticsDiff, errors[1]);
        }
        String measured = String.format("max step error %.2e, max running statistic diff %.2e, max score diff %.2e,"
                + " max probability diff %.2e", maxStepError, maxStatisticsDiff, maxScoreDiff, maxProbabilityDiff);
        System.out.println(name + ": " + measured);
        assertTrue(maxStepError < STEP_TOLERANCE, measured);
        assertTrue(maxStatisticsDiff < STATISTICS_TOLERANCE, measured);
        assertTrue(maxScoreDiff < SCORE_TOLERANCE, measured);
        assertRunningStatisticsMoved(reference);
    }

    /** Conv 6 x 3x3 Same without bias; batch norm (and ReLU); conv 4 x 3x3 stride 2 with bias and ReLU; global average; softmax. */
    private static ComputationGraph batchNormNet(boolean logStd, boolean relu) {
        var g = new NeuralNetConfiguration.Builder().seed(23).dataType(DataType.FLOAT).updater(new Adam(0.01))
                .graphBuilder().addInputs("in")
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(6).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).hasBias(false).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().useLogStd(logStd).build(), "c1");
        String last = "bn";
        if (relu) {
            g.addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn");
            last = "relu";
        }
        g.addLayer("c2", new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build(), last)
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "c2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").setInputTypes(InputType.convolutionalFlat(10, 10, 1));
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    /**
     * How far the fast path's step from {@code start} is from DL4J's: [0] the largest, over the
     * trained arrays of every layer (W, gamma, beta, ...), of |fast step - DL4J's step| / |DL4J's step|
     * in the Euclidean norm; [1] the largest relative difference (floor 1e-2) of a running statistic.
     * Fails when an array DL4J changed did not change (a vacuous comparison).
     */
    private static double[] stepErrors(ComputationGraph graph, float[] start, float[] expected, float[] actual) {
        double trained = 0, statistics = 0;
        int offset = 0;
        for (var layer : graph.getLayers()) {
            for (var entry : layer.paramTable().entrySet()) {
                int n = (int) entry.getValue().length();
                double step = 0, error = 0;
                for (int i = offset; i < offset + n; i++) {
                    step += Math.pow((double) expected[i] - start[i], 2);
                    error += Math.pow((double) actual[i] - expected[i], 2);
                    if (STATISTICS.contains(entry.getKey())) {
                        statistics = Math.max(statistics, Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), 1e-2));
                    }
                }
                assertTrue(step > 0, layer.conf().getLayer().getLayerName() + "." + entry.getKey() + " did not change");
                if (!STATISTICS.contains(entry.getKey())) trained = Math.max(trained, Math.sqrt(error / step));
                offset += n;
            }
        }
        assertEquals(start.length, offset);
        return new double[] {trained, statistics};
    }

    /** Guards against a vacuous comparison of running statistics that neither side updated: DL4J's did move. */
    private static void assertRunningStatisticsMoved(ComputationGraph dl4j) {
        int layers = 0;
        for (var layer : dl4j.getLayers()) {
            if (!(layer.conf().getLayer() instanceof BatchNormalization)) continue;
            layers++;
            INDArray mean = layer.getParam("mean");
            assertTrue(mean.amaxNumber().doubleValue() > 1e-3, layer.conf().getLayer().getLayerName() + " running mean did not move");
        }
        assertTrue(layers > 0, "no batch norm layer");
    }
}
