package org.predspace.training.engine;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.predspace.data.InputShape;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.TrainingSpec;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The channels-last inference pass ({@link ChannelsLastInference}, what {@link ConvNetwork}'s
 * predictions and features run) must give what the NCHW pass ({@link ConvPass}, training's layout)
 * and DL4J's ComputationGraph give, to float rounding: LeNet (Truncate on 28 x 28, Same on 8 x 8),
 * LeNet with batch norm, allcnn, and small networks with several input channels, H != W, channel
 * counts that are not multiples of 8, biased convolutions before batch norm, batch norm in its
 * variance parametrisation, after pooling and without a ReLU. The batch norm layers get random
 * gamma, beta and running statistics (DL4J starts them at 1, 0, 0, 1, where folding them into the
 * convolution would change nothing), the biases random values (they start at 0).
 *
 * <p>The features are the output layer's input in DL4J's order: where no hidden dense layer
 * follows the maps they are the last maps flattened C, H, W, which a wrong transposition of the
 * channels-last maps changes (and it changes the predictions of every network with a flattening).
 */
class ChannelsLastInferenceTest {
    private static final int ROWS = 37;
    private static final float PROBABILITY_TOLERANCE = 1e-5f;
    private static final float FEATURE_TOLERANCE = 1e-4f;

    @BeforeAll
    static void threads() { NativeBackend.configure(); }

    @ParameterizedTest(name = "{0} batch norm {1} {2}x{2}")
    @CsvSource({"LENET, false, 28", "LENET, false, 8", "LENET, true, 28", "LENET, true, 8", "ALLCNN, true, 28", "ALLCNN, true, 9"})
    void factoryNetworksPredictAsNchwAndDl4j(Architecture arch, boolean batchNorm, int side) {
        InputShape shape = InputShape.image(1, side, side);
        TrainingSpec spec = TrainingSpec.builder("test").architecture(arch).batchNorm(batchNorm).seed(3).build();
        assertInferenceAgrees(randomised(NetworkFactory.build(spec, shape, 10, 10)), shape, 10);
    }

    /**
     * Three input channels on 9 x 12 images, then convolutions of 5, 7 and 6 channels: the last one
     * 1 x 1 with a bias before a batch norm without ReLU in its variance parametrisation; Truncate
     * pooling; the output layer reads the flattened 6 x 3 x 4 maps, so the features are those maps.
     */
    @Test
    void flattenedMapsAreDl4jsOrder() {
        InputShape shape = InputShape.image(3, 9, 12);
        var g = new NeuralNetConfiguration.Builder().seed(29).dataType(DataType.FLOAT).updater(new Adam(0.01))
                .graphBuilder().addInputs("in")
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(5).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build(), "in")
                .addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Truncate).build(), "c1")
                .addLayer("c2", new ConvolutionLayer.Builder(2, 3).nOut(7).convolutionMode(ConvolutionMode.Truncate)
                        .activation(Activation.IDENTITY).hasBias(false).build(), "pool")
                .addLayer("bn2", new BatchNormalization.Builder().build(), "c2")
                .addLayer("relu2", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn2")
                .addLayer("c3", new ConvolutionLayer.Builder(1, 1).nOut(6).activation(Activation.IDENTITY).build(), "relu2")
                .addLayer("bn3", new BatchNormalization.Builder().useLogStd(false).build(), "c3")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build(), "bn3")
                .setOutputs("out").setInputTypes(InputType.convolutionalFlat(9, 12, 3));
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        ConvNetwork fast = assertInferenceAgrees(randomised(net), shape, 4);
        assertEquals(6 * 3 * 4, fast.featureSize());
    }

    /**
     * Batch norm after max pooling (nothing to fold it into) with a ReLU, Same pooling with stride 1,
     * a strided convolution, global average pooling and a hidden dense layer, on two-channel 10 x 7 images.
     */
    @Test
    void batchNormAfterPoolingAndGlobalAverage() {
        InputShape shape = InputShape.image(2, 10, 7);
        var g = new NeuralNetConfiguration.Builder().seed(31).dataType(DataType.FLOAT).updater(new Adam(0.01))
                .graphBuilder().addInputs("in")
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(9).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build(), "in")
                .addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(1, 1)
                        .convolutionMode(ConvolutionMode.Same).build(), "c1")
                .addLayer("bn", new BatchNormalization.Builder().build(), "pool")
                .addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn")
                .addLayer("global", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "relu")
                .addLayer("fc", new DenseLayer.Builder().nOut(5).activation(Activation.RELU).build(), "global")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "fc")
                .setOutputs("out").setInputTypes(InputType.convolutionalFlat(10, 7, 2));
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        assertInferenceAgrees(randomised(net), shape, 3);
    }

    /**
     * Predictions and features of random rows from ConvNetwork (channels-last), from the NCHW
     * inference pass on the same stages, and from DL4J with the same parameters; then again after a
     * training step moved the parameters and running statistics, which the cached channels-last pass
     * (and its folded batch norm) must see.
     */
    private static ConvNetwork assertInferenceAgrees(ComputationGraph net, InputShape shape, int classes) {
        float[] x = randomRows(ROWS * shape.size(), 17);
        ConvNetwork fast = ConvNetwork.of(net.clone(), shape);
        for (int round = 0; round < 2; round++) {
            if (round == 1) {
                float[] y = new float[ROWS * classes];
                for (int r = 0; r < ROWS; r++) y[r * classes + r % classes] = 1;
                fast.fitBatch(x, y, ROWS);
                net.setParams(Nd4j.create(fast.parameters(), 1, fast.numParams()));
            }
            TrainableNetwork.Outputs got = fast.predictWithFeatures(x, ROWS);
            assertEquals(ROWS * fast.featureSize(), got.features().length);

            ConvPass nchw = new ConvPass(ROWS, fast.shape(), fast.stages(), fast.denseLayers(), false);
            float[] nchwProbabilities = nchw.forward(x).clone();
            assertArrayEquals(nchwProbabilities, got.probabilities(), PROBABILITY_TOLERANCE, "probabilities against the NCHW pass");
            assertArrayEquals(nchw.features(), got.features(), FEATURE_TOLERANCE, "features against the NCHW pass");

            TrainableNetwork.Outputs want = new GraphNetwork(net, shape.size(), classes).predictWithFeatures(x, ROWS);
            assertArrayEquals(want.probabilities(), got.probabilities(), PROBABILITY_TOLERANCE, "probabilities against DL4J");
            assertArrayEquals(want.features(), got.features(), FEATURE_TOLERANCE, "features against DL4J");

            assertArrayEquals(got.probabilities(), fast.predict(x, ROWS), "predict and predictWithFeatures agree");
            assertArrayEquals(got.features(), fast.features(x, ROWS), "features and predictWithFeatures agree");
            assertNotDegenerate(got.probabilities(), classes);
        }
        return fast;
    }

    /** Random batch norm parameters and running statistics, and random biases, so no stage is an identity. */
    private static ComputationGraph randomised(ComputationGraph net) {
        SplittableRandom rng = new SplittableRandom(41);
        for (var layer : net.getLayers()) {
            for (var entry : layer.paramTable().entrySet()) {
                INDArray p = entry.getValue();
                switch (entry.getKey()) {
                    case "gamma" -> fill(p, rng, 0.5, 1.5);
                    case "beta", "mean", "b" -> fill(p, rng, -0.3, 0.3);
                    case "log10stdev" -> fill(p, rng, -0.6, 0.3);
                    case "var" -> fill(p, rng, 0.1, 2.0);
                    default -> { }
                }
            }
        }
        return net;
    }

    private static void fill(INDArray p, SplittableRandom rng, double from, double to) {
        for (long i = 0; i < p.length(); i++) p.putScalar(i, rng.nextDouble(from, to));
    }

    private static float[] randomRows(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) rng.nextDouble();
        return x;
    }

    /** Guards against a vacuous comparison: the rows' predictions differ from each other and from uniform. */
    private static void assertNotDegenerate(float[] probabilities, int classes) {
        double spread = 0;
        for (int i = classes; i < probabilities.length; i++) spread = Math.max(spread, Math.abs(probabilities[i] - probabilities[i % classes]));
        assertTrue(spread > 1e-3, "every row predicts the same: " + spread);
    }
}
