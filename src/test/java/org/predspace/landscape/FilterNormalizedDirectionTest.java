package org.predspace.landscape;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.data.InputShape;
import org.predspace.runs.PythonWithNumpy;
import org.predspace.spectra.CheckpointModel;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.engine.NetworkFactory;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.TrainingSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilterNormalizedDirectionTest {
    private static final InputShape FIVE = InputShape.tabular(5);
    /** LeNet on 8x8 digits: padded convolutions, 6 and 16 channels. */
    private static final InputShape DIGITS = InputShape.image(1, 8, 8);
    private static final TrainingSpec LENET = TrainingSpec.builder("digits").architecture(Architecture.LENET).seed(3).build();

    private static TrainingSpec spec(Architecture arch) {
        return TrainingSpec.builder("blobs").architecture(arch).hiddenLayers(2).width(7).seed(3).build();
    }

    private static double[] initialWeights(TrainingSpec spec, InputShape shape, int classes) {
        NativeBackend.configure();
        return NetworkFactory.build(spec, shape, classes, 1).params().dup().data().asDouble();
    }

    @Test
    void mlpFiltersAreTheOutputNeuronsOfEveryDenseLayerAndTheRestAreItsBiases() {
        ParameterLayout layout = ParameterLayout.of(spec(Architecture.MLP), FIVE, 3);
        // 5 -> 7 -> 7 -> 3: one filter per output neuron, fan-in entries each
        assertEquals(5 * 7 + 7 + 7 * 7 + 7 + 7 * 3 + 3, layout.parameterCount());
        assertEquals(7 + 7 + 3, layout.filterCount());
        int[] sizes = new int[layout.filterCount()];
        for (int f = 0; f < sizes.length; f++) sizes[f] = layout.filter(f).length;
        int[] expected = new int[17];
        Arrays.fill(expected, 0, 7, 5);
        Arrays.fill(expected, 7, 17, 7);
        assertArrayEquals(expected, sizes);
        assertEquals(7 + 7 + 3, layout.others().length, "the biases");
        assertPartition(layout);
    }

    /** Batch norm's scale, shift and running statistics belong to no filter, so a direction leaves them at 0 (Li et al.). */
    @Test
    void batchNormParametersAreNotFiltersAndGetZero() {
        TrainingSpec spec = TrainingSpec.builder("blobs").architecture(Architecture.MLP).hiddenLayers(2).width(7).batchNorm(true).seed(3).build();
        ParameterLayout layout = ParameterLayout.of(spec, FIVE, 3);
        assertEquals(7 + 7 + 3, layout.filterCount());
        int inFilters = 0;
        for (int f = 0; f < layout.filterCount(); f++) inFilters += layout.filter(f).length;
        assertEquals(5 * 7 + 7 * 7 + 7 * 3, inFilters);
        int bn = layout.parameterCount() - inFilters - (7 + 7 + 3);
        assertEquals(2 * 4 * 7, bn, "gamma, beta, mean and variance of two batch-norm layers of 7");
        assertPartition(layout);
        double[] theta = initialWeights(spec, FIVE, 3);
        double[] d = FilterNormalizedDirection.of(layout, theta, 1);
        for (int i : layout.others()) assertEquals(0, d[i], "parameter " + i);
    }

    /** Ones at the entries the layout calls statistics land exactly in the batch-norm layers' running means and variances. */
    @Test
    void theBatchNormStatisticsAreTheRunningMeansAndVariancesAndNothingElse() {
        TrainingSpec spec = TrainingSpec.builder("blobs").architecture(Architecture.MLP).hiddenLayers(2).width(7).batchNorm(true).seed(3).build();
        ParameterLayout layout = ParameterLayout.of(spec, FIVE, 3);
        int[] statistics = layout.batchNormStatistics();
        assertEquals(2 * 2 * 7, statistics.length, "mean and variance of two batch-norm layers of 7");
        NativeBackend.configure();
        ComputationGraph net = NetworkFactory.build(spec, FIVE, 3, 1);
        double[] marked = new double[layout.parameterCount()];
        for (int i : statistics) marked[i] = 1;
        net.setParams(Nd4j.create(marked, new long[] {1, marked.length}, DataType.FLOAT));
        int batchNormLayers = 0;
        for (Layer layer : net.getLayers()) {
            boolean bn = layer instanceof BatchNormalization;
            if (bn) batchNormLayers++;
            for (var e : layer.paramTable().entrySet()) {
                boolean statistic = bn && !e.getKey().equals("gamma") && !e.getKey().equals("beta");
                double expected = statistic ? 1 : 0;
                for (double v : e.getValue().dup().data().asDouble()) {
                    assertEquals(expected, v, layer.conf().getLayer().getLayerName() + " " + e.getKey());
                }
            }
        }
        assertEquals(2, batchNormLayers);
        assertEquals(0, ParameterLayout.of(spec(Architecture.MLP), FIVE, 3).batchNormStatistics().length, "none without batch norm");
    }

    @Test
    void lenetFiltersAreConvolutionChannelsAndDenseNeurons() {
        ParameterLayout layout = ParameterLayout.of(LENET, DIGITS, 10);
        assertEquals(6 + 16 + 120 + 84 + 10, layout.filterCount());
        assertEquals(1 * 5 * 5, layout.filter(0).length, "conv1: one input channel, 5x5");
        assertEquals(6 * 5 * 5, layout.filter(6).length, "conv2: six input channels, 5x5");
        assertEquals(84, layout.filter(6 + 16 + 120 + 84).length, "the output layer's fan-in");
        assertEquals(6 + 16 + 120 + 84 + 10, layout.others().length, "the biases");
        assertPartition(layout);
    }

    /** Read through the network itself: only filter k of softmax regression feeds class k. */
    @Test
    void softmaxRegressionFilterKIsTheWeightsOfClassK() {
        TrainingSpec spec = spec(Architecture.LINEAR);
        ParameterLayout layout = ParameterLayout.of(spec, FIVE, 3);
        assertEquals(3, layout.filterCount());
        float[] ones = new float[5];
        Arrays.fill(ones, 1f);
        for (int k = 0; k < 3; k++) {
            float[] w = new float[layout.parameterCount()];
            for (int i : layout.filter(k)) w[i] = 1f;
            double[] p = CheckpointModel.of(spec, FIVE, 3, w).probabilities(ones, 0, 1);
            double high = Math.exp(5) / (Math.exp(5) + 2);
            for (int c = 0; c < 3; c++) assertEquals(c == k ? high : 1 / (Math.exp(5) + 2), p[c], 1e-9, "filter " + k + ", class " + c);
        }
    }

    /**
     * Read through the network itself: with conv1's filter c and every bias zeroed, channel c of
     * conv1 is zero everywhere, so the loss gradient of conv2's weights on input channel c (the
     * c-th block of 5x5 in each conv2 filter) is exactly zero, and only there.
     */
    @Test
    void aZeroedConvolutionFilterSilencesItsOutputChannel() {
        ParameterLayout layout = ParameterLayout.of(LENET, DIGITS, 10);
        double[] theta = initialWeights(LENET, DIGITS, 10);
        for (int i : layout.others()) theta[i] = 0;
        int silenced = 4;
        for (int i : layout.filter(silenced)) theta[i] = 0;
        float[] w = new float[theta.length];
        for (int i = 0; i < w.length; i++) w[i] = (float) theta[i];
        CheckpointModel model = CheckpointModel.of(LENET, DIGITS, 10, w);
        SplittableRandom random = new SplittableRandom(5);
        int rows = 6;
        float[] x = new float[rows * 64];
        for (int i = 0; i < x.length; i++) x[i] = (float) random.nextDouble();
        double[] targets = new double[rows * 10];
        for (int r = 0; r < rows; r++) targets[r * 10 + r] = 1;
        double[] gradient = new double[theta.length];
        model.lossGradient(x, 0, rows, targets, gradient);
        for (int f = 6; f < 6 + 16; f++) {   // conv2's filters: 6 input channels of 5x5 each
            int[] filter = layout.filter(f);
            for (int c = 0; c < 6; c++) {
                double block = 0;
                for (int k = c * 25; k < (c + 1) * 25; k++) block += Math.abs(gradient[filter[k]]);
                if (c == silenced) assertEquals(0, block, "conv2 filter " + (f - 6) + ", input channel " + c);
                else assertTrue(block > 0 || f > 6, "conv2 filter " + (f - 6) + ", input channel " + c + " has no gradient");
            }
        }
    }

    @Test
    void everyFilterOfTheDirectionHasThetasNormAndBiasesAreZero() {
        TrainingSpec spec = spec(Architecture.MLP);
        ParameterLayout layout = ParameterLayout.of(spec, FIVE, 3);
        double[] theta = initialWeights(spec, FIVE, 3);
        // filters of very different sizes, one of them all zeros
        for (int f = 0; f < layout.filterCount(); f++) for (int i : layout.filter(f)) theta[i] *= 1 + 10 * f;
        for (int i : layout.filter(4)) theta[i] = 0;
        double[] d = FilterNormalizedDirection.of(layout, theta, 42);
        for (int f = 0; f < layout.filterCount(); f++) {
            double want = FilterNormalizedDirection.norm(theta, layout.filter(f));
            assertEquals(want, FilterNormalizedDirection.norm(d, layout.filter(f)), 1e-9 * Math.max(1, want), "filter " + f);
        }
        for (int i : layout.others()) assertEquals(0, d[i], "parameter " + i + " is a bias");
        assertTrue(Arrays.stream(d).allMatch(Double::isFinite));
    }

    /**
     * numpy reads the MLP's flat vectors in DL4J's documented order (per layer W as [nIn, nOut] in
     * column-major order, then b), without this package's layout: every column of the direction
     * has the norm of theta's column and every bias is 0.
     */
    @Test
    void numpyReadingDl4jsOrderFindsThetasColumnNormsAndZeroBiases(@TempDir Path dir) throws Exception {
        PythonWithNumpy python = PythonWithNumpy.require();
        TrainingSpec spec = spec(Architecture.MLP);
        double[] theta = initialWeights(spec, FIVE, 3);
        double[] d = FilterNormalizedDirection.of(ParameterLayout.of(spec, FIVE, 3), theta, 11);
        Path data = dir.resolve("vectors.txt");
        Files.writeString(data, join(theta) + "\n" + join(d) + "\n");
        Path script = dir.resolve("check.py");
        Files.writeString(script, """
                import sys, numpy as np
                theta, d = np.loadtxt(sys.argv[1])
                at, worst, biases = 0, 0.0, 0.0
                for n_in, n_out in [(5, 7), (7, 7), (7, 3)]:
                    wt = theta[at:at + n_in * n_out].reshape((n_in, n_out), order='F')
                    wd = d[at:at + n_in * n_out].reshape((n_in, n_out), order='F')
                    at += n_in * n_out
                    worst = max(worst, np.abs(np.linalg.norm(wt, axis=0) - np.linalg.norm(wd, axis=0)).max())
                    biases = max(biases, np.abs(d[at:at + n_out]).max())
                    at += n_out
                assert at == len(theta), (at, len(theta))
                print(repr(float(worst)), repr(float(biases)))
                """);
        String[] out = python.run(script.toString(), data.toString()).strip().split(" ");
        assertTrue(Double.parseDouble(out[0]) < 1e-9, "largest column-norm difference " + out[0]);
        assertEquals(0, Double.parseDouble(out[1]), "largest bias of the direction");
    }

    private static String join(double[] v) {
        return Arrays.stream(v).mapToObj(Double::toString).collect(Collectors.joining(" "));
    }

    @Test
    void theSameSeedGivesTheSameDirectionAndAnotherSeedAnother() {
        ParameterLayout layout = ParameterLayout.of(LENET, DIGITS, 10);
        double[] theta = initialWeights(LENET, DIGITS, 10);
        double[] a = FilterNormalizedDirection.of(layout, theta, 7);
        assertArrayEquals(a, FilterNormalizedDirection.of(ParameterLayout.of(LENET, DIGITS, 10), theta.clone(), 7));
        double[] b = FilterNormalizedDirection.of(layout, theta, 8);
        assertFalse(Arrays.equals(a, b));
        // two seeds' directions are nearly orthogonal in this many dimensions, as the plane needs
        double dot = 0;
        for (int i = 0; i < a.length; i++) dot += a[i] * b[i];
        double cos = dot / Math.sqrt(dot(a, a) * dot(b, b));
        assertTrue(Math.abs(cos) < 0.1, "cosine " + cos);
    }

    @Test
    void thetaOfAnotherSizeIsRefused() {
        ParameterLayout layout = ParameterLayout.of(spec(Architecture.LINEAR), FIVE, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FilterNormalizedDirection.of(layout, new double[4], 1));
        assertTrue(e.getMessage().contains("4 parameters"), e.getMessage());
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** Filters and the rest cover every parameter exactly once. */
    private static void assertPartition(ParameterLayout layout) {
        int[] count = new int[layout.parameterCount()];
        for (int f = 0; f < layout.filterCount(); f++) for (int i : layout.filter(f)) count[i]++;
        for (int i : layout.others()) count[i]++;
        for (int i = 0; i < count.length; i++) assertEquals(1, count[i], "parameter " + i);
    }
}
