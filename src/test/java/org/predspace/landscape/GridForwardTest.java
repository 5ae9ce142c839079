package org.predspace.landscape;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.nd4j.linalg.api.buffer.DataType;
import org.predspace.data.Dataset;
import org.predspace.data.InputShape;
import org.predspace.platform.JobMonitor;
import org.predspace.runs.ProbeScore;
import org.predspace.spectra.CheckpointModel;
import org.predspace.spectra.Samples;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.engine.NetworkFactory;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.TrainingSpec;

import java.util.SplittableRandom;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.*;

/** The fast paths give what one forward pass of the network per model gives, and only takes what it can. */
@Tag("slow")
class GridForwardTest {
    private static final InputShape SIX = InputShape.tabular(6);

    private static ModelGrid plane(TrainingSpec spec, InputShape shape, int classes) {
        NativeBackend.configure();
        double[] origin = NetworkFactory.build(spec, shape, classes, 1).params().dup().data().asDouble();
        ParameterLayout layout = ParameterLayout.of(spec, shape, classes);
        double[] xs = {-1, -0.25, 0.5, 1}, ys = {-0.75, 0, 1};
        return new ModelGrid(origin, FilterNormalizedDirection.of(layout, origin, 1), FilterNormalizedDirection.of(layout, origin, 2),
                xs, ys, new double[ys.length][xs.length]);
    }

    private static Samples samples(int n, int dims, int classes) {
        SplittableRandom r = new SplittableRandom(4);
        float[] x = new float[n * dims];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int k = 0; k < dims; k++) x[i * dims + k] = (float) (r.nextGaussian() + (k % classes == y[i] ? 1 : 0));
        }
        return Samples.first(new Dataset("blobs", x, y, classes, InputShape.tabular(dims), Dataset.numberedClassNames(classes)), n);
    }

    private static void assertSameAsForwardPasses(TrainingSpec spec) {
        ModelGrid grid = plane(spec, SIX, 4);
        CheckpointModel model = CheckpointModel.of(spec, SIX, 4, new float[grid.origin().length]);
        Samples s = samples(37, 6, 4);
        DenseGridForward fast = DenseGridForward.of(model, grid, s);
        assertNotNull(fast, spec.architecture().id() + " is a plain dense chain");
        assertScoresAreForwardPasses(model, grid, s, fast::score);
    }

    private static void assertScoresAreForwardPasses(CheckpointModel model, ModelGrid grid, Samples s,
                                                     BiFunction<Integer, Integer, ProbeScore> fast) {
        for (int i = 0; i < grid.rows(); i++) {
            for (int j = 0; j < grid.columns(); j++) {
                ProbeScore plain = LinePath.score(model, grid.parameters(i, j), s);
                ProbeScore quick = fast.apply(i, j);
                assertEquals(plain.loss(), quick.loss(), 1e-10 * Math.max(1, plain.loss()), "loss at (" + i + ", " + j + ")");
                assertEquals(plain.accuracy(), quick.accuracy(), "accuracy at (" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void anMlpsGridEqualsAForwardPassPerModel() {
        assertSameAsForwardPasses(TrainingSpec.builder("blobs").architecture(Architecture.MLP).hiddenLayers(3).width(9).seed(5).build());
    }

    @Test
    void softmaxRegressionsGridEqualsAForwardPassPerModel() {
        assertSameAsForwardPasses(TrainingSpec.builder("blobs").architecture(Architecture.LINEAR).seed(5).build());
    }

    /** LeNet on 28 x 28 images (valid convolutions): ConvGridForward, the same as a forward pass per model. */
    @Test
    void aLenetsGridEqualsAForwardPassPerModel() {
        InputShape fashion = InputShape.image(1, 28, 28);
        TrainingSpec lenet = TrainingSpec.builder("fashion").architecture(Architecture.LENET).seed(3).build();
        ModelGrid grid = plane(lenet, fashion, 10);
        CheckpointModel model = CheckpointModel.of(lenet, fashion, 10, new float[grid.origin().length]);
        Samples s = samples(230, 784, 10);   // more than one block of ConvGridForward.ROWS
        assertNull(DenseGridForward.of(model, grid, s));
        ConvGridForward fast = ConvGridForward.of(model, grid, s);
        assertNotNull(fast, "LeNet on 28 x 28 has valid convolutions and even pooled maps");
        assertScoresAreForwardPasses(model, grid, s, fast::score);
    }

    @Test
    void paddedConvolutionsAndBatchNormAreLeftToThePlainPath() {
        InputShape digits = InputShape.image(1, 8, 8);
        TrainingSpec lenet = TrainingSpec.builder("digits").architecture(Architecture.LENET).seed(3).build();
        ModelGrid grid = plane(lenet, digits, 10);
        CheckpointModel model = CheckpointModel.of(lenet, digits, 10, new float[grid.origin().length]);
        assertNull(DenseGridForward.of(model, grid, samples(5, 64, 10)));
        assertNull(ConvGridForward.of(model, grid, samples(5, 64, 10)), "8 x 8 LeNet pads its convolutions");
        TrainingSpec bn = TrainingSpec.builder("blobs").architecture(Architecture.MLP).hiddenLayers(1).width(5).batchNorm(true).build();
        NativeBackend.configure();
        assertNull(DenseGridForward.chain(NetworkFactory.build(bn, SIX, 4, 1).convertDataType(DataType.DOUBLE), 6, 4),
                "batch norm sits between the dense layers");

        // the models lines and planes score a batch-norm network on (statistics recomputed at each)
        // are left to the plain path too: the fast paths would keep one set of statistics for all
        InputShape fashion = InputShape.image(1, 28, 28);
        Samples images = samples(5, 784, 10);
        TrainingSpec bnLenet = TrainingSpec.builder("fashion").architecture(Architecture.LENET).batchNorm(true).seed(3).build();
        ModelGrid lenetGrid = plane(bnLenet, fashion, 10);
        float[] lenetWeights = new float[lenetGrid.origin().length];
        for (int i = 0; i < lenetWeights.length; i++) lenetWeights[i] = (float) lenetGrid.origin()[i];
        assertNull(ConvGridForward.of(CheckpointModel.forwardOnly(bnLenet, fashion, 10, lenetWeights, images), lenetGrid, images));
        ModelGrid mlpGrid = plane(bn, SIX, 4);
        float[] mlpWeights = new float[mlpGrid.origin().length];
        for (int i = 0; i < mlpWeights.length; i++) mlpWeights[i] = (float) mlpGrid.origin()[i];
        Samples rows = samples(5, 6, 4);
        assertNull(DenseGridForward.of(CheckpointModel.forwardOnly(bn, SIX, 4, mlpWeights, rows), mlpGrid, rows));
    }

    /**
     * The canyon's models: ModelPredictions on two workers (fast path) gives, model by model, the
     * softmax rows of one plain forward pass of the network, and the loss of exactly those rows.
     */
    @Test
    void modelPredictionsOnTwoWorkersAreTheForwardPassesRows() {
        InputShape fashion = InputShape.image(1, 28, 28);
        TrainingSpec lenet = TrainingSpec.builder("fashion").architecture(Architecture.LENET).seed(3).build();
        ModelGrid grid = plane(lenet, fashion, 10);
        CheckpointModel model = CheckpointModel.of(lenet, fashion, 10, new float[grid.origin().length]);
        Samples s = samples(40, 784, 10);
        ModelPredictions two = ModelPredictions.of(model.copy(), grid, s, JobMonitor.silent(), 2);
        for (int i = 0; i < grid.rows(); i++) {
            for (int j = 0; j < grid.columns(); j++) {
                int k = i * grid.columns() + j;
                double[] plain = LinePath.probabilities(model, grid.parameters(i, j), s, LinePath.CHUNK);
                float[] placed = two.probabilities()[k];
                assertEquals(plain.length, placed.length);
                for (int v = 0; v < plain.length; v++) assertEquals(plain[v], placed[v], 1e-6, "model " + k + ", value " + v);
                ProbeScore score = ProbeScore.of(plain, s.labels(), 10);
                assertEquals(score.loss(), two.loss()[k], 1e-9 * Math.max(1, score.loss()), "loss of model " + k);
                assertEquals(score.accuracy(), two.accuracy()[k], "accuracy of model " + k);
            }
        }
    }
}
