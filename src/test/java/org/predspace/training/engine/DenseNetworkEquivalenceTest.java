package org.predspace.training.engine;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.factory.Nd4j;
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
 * The dense fast path must be the same training as DL4J: same start, same updates, same
 * scores, same predictions, for every optimiser, with and without weight decay, with
 * constant and warm-up + cosine schedules, for softmax regression and a two-hidden-layer MLP.
 */
@Tag("slow")
class DenseNetworkEquivalenceTest {
    private static final int DIMS = 12;
    private static final int CLASSES = 4;
    private static final int STEPS = 20;
    /**
     * Both sides compute in float32 with different summation orders (DL4J's GEMMs write
     * column-major outputs, the score is summed in float). Measured over 20 steps: parameters
     * within 6e-6 for every case but RMSProp on the MLP (up to 4.3e-5: dividing by sqrt(v + eps)
     * amplifies rounding where v is tiny); scores within 2.4e-6. Each run prints its figures.
     */
    private static final double PARAM_TOLERANCE = 1e-4;
    private static final double SCORE_TOLERANCE = 1e-5;
    private static final double PROBABILITY_TOLERANCE = 1e-5;

    private static final Dataset DATA = TestData.blobs("equivalence", 40, CLASSES, DIMS, 7);

    @BeforeAll
    static void threads() { NativeBackend.configure(); }

    static Stream<Arguments> trainings() {
        List<Arguments> cases = new ArrayList<>();
        for (Architecture arch : new Architecture[] {Architecture.LINEAR, Architecture.MLP}) {
            for (OptimizerKind opt : OptimizerKind.values()) {
                for (double decay : new double[] {0, 0.05}) {
                    for (LearningRateSchedule schedule : LearningRateSchedule.values()) {
                        cases.add(Arguments.of(arch, opt, decay, schedule, 32));
                    }
                }
            }
        }
        // a batch that is not a power of two: the 1/batch scaling then rounds differently
        cases.add(Arguments.of(Architecture.MLP, OptimizerKind.ADAMW, 0.05, LearningRateSchedule.COSINE, 24));
        return cases.stream();
    }

    private static TrainingSpec spec(Architecture arch, OptimizerKind opt, double decay, LearningRateSchedule schedule, int batch) {
        double lr = switch (opt) {
            case SGD -> 0.2;
            case NESTEROV -> 0.05;
            default -> 0.01;
        };
        return TrainingSpec.builder("test").architecture(arch).hiddenLayers(2).width(16).optimizer(opt)
                .learningRate(lr).weightDecay(decay).schedule(schedule)
                .warmupFraction(schedule == LearningRateSchedule.COSINE ? 0.25 : 0).batchSize(batch).seed(5).build();
    }

    @ParameterizedTest(name = "{0} {1} decay {2} {3} batch {4}")
    @MethodSource("trainings")
    void trainsLikeDl4j(Architecture arch, OptimizerKind opt, double decay, LearningRateSchedule schedule, int batch) {
        TrainingSpec spec = spec(arch, opt, decay, schedule, batch);
        ComputationGraph dl4jGraph = NetworkFactory.build(spec, DATA.shape(), CLASSES, STEPS);
        GraphNetwork dl4j = new GraphNetwork(dl4jGraph, DIMS, CLASSES);
        DenseNetwork dense = DenseNetwork.of(NetworkFactory.build(spec, DATA.shape(), CLASSES, STEPS));
        assertArrayEquals(dl4j.parameters(), dense.parameters(), "initial parameters");

        MinibatchSource batches = new MinibatchSource(DATA, batch, 0, false, 11);
        float[] x = new float[batch * DIMS];
        float[] y = new float[batch * CLASSES];
        double maxParamDiff = 0, maxScoreDiff = 0;
        for (int step = 0; step < STEPS; step++) {
            batches.next(x, y);
            double expectedScore = dl4j.fitBatch(x, y, batch);
            double score = dense.fitBatch(x, y, batch);
            maxScoreDiff = Math.max(maxScoreDiff, Math.abs(score - expectedScore) / Math.abs(expectedScore));
            maxParamDiff = Math.max(maxParamDiff, maxRelativeDifference(dense.parameters(), dl4j.parameters()));
        }
        String measured = String.format("max param diff %.2e, max score diff %.2e", maxParamDiff, maxScoreDiff);
        System.out.println(arch + " " + opt + " decay " + decay + " " + schedule + " batch " + batch + ": " + measured);
        assertTrue(maxParamDiff < PARAM_TOLERANCE, measured);
        assertTrue(maxScoreDiff < SCORE_TOLERANCE, measured);
        assertParamsMoved(dl4jGraph, spec);

        float[] probe = DATA.featuresView();
        float[] expected = dl4j.predict(probe, DATA.size());
        float[] actual = dense.predict(probe, DATA.size());
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], PROBABILITY_TOLERANCE, "probability " + i);
    }

    /** Guards against a vacuous pass: training must have changed the parameters noticeably. */
    private static void assertParamsMoved(ComputationGraph trained, TrainingSpec spec) {
        float[] start = NetworkFactory.build(spec, DATA.shape(), CLASSES, STEPS).params().toFloatVector();
        assertTrue(maxRelativeDifference(trained.params().toFloatVector(), start) > 100 * PARAM_TOLERANCE, "parameters barely moved");
    }

    /**
     * Largest |a - b| relative to the size of b, with a floor of 1e-2 under |b| so that
     * parameters crossing zero (biases start at 0) are compared absolutely.
     */
    static double maxRelativeDifference(float[] a, float[] b) {
        assertEquals(b.length, a.length);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-2));
        }
        return max;
    }

    @Test
    void freshParametersAreDl4jsParamsExactly() {
        TrainingSpec spec = spec(Architecture.MLP, OptimizerKind.ADAM, 0, LearningRateSchedule.CONSTANT, 32);
        ComputationGraph net = NetworkFactory.build(spec, InputShape.tabular(784), 10, 100);
        float[] expected = net.params().toFloatVector();
        assertArrayEquals(expected, DenseNetwork.of(net).parameters());
    }

    @Test
    void dl4jLoadsDenseParametersAndPredictsTheSame() {
        TrainingSpec spec = spec(Architecture.MLP, OptimizerKind.ADAM, 0, LearningRateSchedule.CONSTANT, 32);
        DenseNetwork dense = DenseNetwork.of(NetworkFactory.build(spec, DATA.shape(), CLASSES, STEPS));
        MinibatchSource batches = new MinibatchSource(DATA, 32, 0, false, 1);
        float[] x = new float[32 * DIMS];
        float[] y = new float[32 * CLASSES];
        for (int i = 0; i < 10; i++) {
            batches.next(x, y);
            dense.fitBatch(x, y, 32);
        }
        ComputationGraph loaded = NetworkFactory.build(spec.toBuilder().seed(99).build(), DATA.shape(), CLASSES, STEPS);
        loaded.setParams(Nd4j.createFromArray(dense.parameters()).reshape(1, dense.numParams()));
        float[] expected = dense.predict(DATA.featuresView(), DATA.size());
        float[] actual = new GraphNetwork(loaded, DIMS, CLASSES).predict(DATA.featuresView(), DATA.size());
        assertArrayEquals(expected, actual, 1e-6f);
    }

    @Test
    void factoryChoosesTheFastPathOnlyForPlainDenseNetworks() {
        InputShape image = InputShape.image(1, 8, 8);
        TrainingSpec.Builder b = TrainingSpec.builder("test").width(8).hiddenLayers(1);
        assertEquals("nd4j-dense", TrainableNetwork.create(b.architecture(Architecture.LINEAR).build(), image, 3, 10).implementation());
        assertEquals("nd4j-dense", TrainableNetwork.create(b.architecture(Architecture.MLP).build(), image, 3, 10).implementation());
        assertEquals("dl4j", TrainableNetwork.create(b.architecture(Architecture.MLP).batchNorm(true).build(), image, 3, 10).implementation());
        assertEquals("nd4j-conv", TrainableNetwork.create(b.architecture(Architecture.LENET).batchNorm(false).build(), image, 3, 10).implementation());
    }
}
