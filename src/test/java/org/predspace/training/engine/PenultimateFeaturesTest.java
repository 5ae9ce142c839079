package org.predspace.training.engine;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.data.Dataset;
import org.predspace.data.DatasetSplit;
import org.predspace.training.MinibatchSource;
import org.predspace.training.OptimisationStep;
import org.predspace.training.TestData;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.TrainingSpec;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The features a network hands to imprinting are what its own output layer reads: the head's
 * softmax(W phi + b), computed here from the output layer's W and b, must be the network's
 * predictions, for the dense fast path and for DL4J (dense, batch-norm and convolutional),
 * after some training so that the parameters are not the initial ones.
 */
class PenultimateFeaturesTest {
    private static final DatasetSplit BLOBS = TestData.blobSplit("features-blobs");
    private static final DatasetSplit IMAGES = TestData.imageSplit("features-images");

    @BeforeAll
    static void threads() { NativeBackend.configure(); }

    @Test
    void denseFastPathFeaturesGiveItsPredictions() {
        TrainingSpec spec = mlp().build();
        TrainableNetwork net = trained(spec, BLOBS);
        assertInstanceOf(DenseNetwork.class, net);
        assertEquals(8, net.featureSize());
        assertHeadOfFeaturesIsPrediction(spec, BLOBS, net);
    }

    @Test
    void dl4jMlpWithBatchNormFeaturesGiveItsPredictions() {
        TrainingSpec spec = mlp().batchNorm(true).build();
        TrainableNetwork net = trained(spec, BLOBS);
        assertInstanceOf(GraphNetwork.class, net);
        assertEquals(8, net.featureSize());
        assertHeadOfFeaturesIsPrediction(spec, BLOBS, net);
    }

    @Test
    void lenetFeaturesAreItsLastDenseLayer() {
        TrainingSpec spec = TrainingSpec.builder("images").architecture(Architecture.LENET).learningRate(0.01)
                .batchSize(8).seed(2).build();
        TrainableNetwork net = trained(spec, IMAGES);
        assertEquals(84, net.featureSize());
        assertHeadOfFeaturesIsPrediction(spec, IMAGES, net);
    }

    @Test
    void graphAndDenseNetworksAgreeOnTheSameParameters() {
        TrainingSpec spec = mlp().build();
        TrainableNetwork dense = trained(spec, BLOBS);
        ComputationGraph graph = graphWith(spec, BLOBS, dense.parameters());
        Dataset x = BLOBS.test();
        float[] viaGraph = new GraphNetwork(graph, x.shape().size(), x.classes()).features(x.featuresView(), x.size());
        assertArrayEquals(viaGraph, dense.features(x.featuresView(), x.size()), 1e-5f);
    }

    @Test
    void softmaxRegressionHasNoFeatures() {
        TrainingSpec spec = TrainingSpec.builder("blobs").architecture(Architecture.LINEAR).build();
        Dataset x = BLOBS.test();
        TrainableNetwork dense = TrainableNetwork.create(spec, BLOBS.shape(), BLOBS.classes(), 10);
        TrainableNetwork graph = new GraphNetwork(NetworkFactory.build(spec, BLOBS.shape(), BLOBS.classes(), 10),
                BLOBS.shape().size(), BLOBS.classes());
        for (TrainableNetwork net : new TrainableNetwork[] {dense, graph}) {
            assertEquals(0, net.featureSize(), net.implementation());
            assertThrows(UnsupportedOperationException.class, () -> net.features(x.featuresView(), x.size()));
        }
    }

    private static TrainingSpec.Builder mlp() {
        return TrainingSpec.builder("blobs").architecture(Architecture.MLP).width(8).hiddenLayers(2)
                .learningRate(0.01).batchSize(8).seed(3);
    }

    /** A network of {@code spec} after 30 minibatch steps on the data. */
    private static TrainableNetwork trained(TrainingSpec spec, DatasetSplit data) {
        TrainableNetwork net = TrainableNetwork.create(spec, data.shape(), data.classes(), 30);
        MinibatchSource batches = new MinibatchSource(data.train(), spec.batchSize(), 0, false, spec.seed());
        OptimisationStep step = new OptimisationStep(net, batches, data.shape().size(), data.classes());
        for (int i = 0; i < 30; i++) step.run();
        return net;
    }

    private static ComputationGraph graphWith(TrainingSpec spec, DatasetSplit data, float[] params) {
        ComputationGraph graph = NetworkFactory.build(spec, data.shape(), data.classes(), 30);
        graph.setParams(Nd4j.createFromArray(params).reshape(1, graph.numParams()));
        return graph;
    }

    private static void assertHeadOfFeaturesIsPrediction(TrainingSpec spec, DatasetSplit data, TrainableNetwork net) {
        Dataset x = data.test();
        int rows = x.size();
        int width = net.featureSize();
        float[] phi = net.features(x.featuresView(), rows);
        assertEquals(rows * width, phi.length);
        ComputationGraph graph = graphWith(spec, data, net.parameters());
        INDArray w = graph.getLayer("out").getParam("W").castTo(DataType.DOUBLE);   // [width, classes]
        INDArray b = graph.getLayer("out").getParam("b").castTo(DataType.DOUBLE);
        int classes = data.classes();
        float[] predicted = net.predict(x.featuresView(), rows);
        TrainableNetwork.Outputs both = net.predictWithFeatures(x.featuresView(), rows);
        assertArrayEquals(predicted, both.probabilities(), 1e-7f, "one pass predicts as predict()");
        assertArrayEquals(phi, both.features(), 1e-7f, "one pass has the features of features()");
        boolean someFeatureOff = false;
        for (int i = 0; i < rows; i++) {
            double[] z = new double[classes];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                z[c] = b.getDouble(c);
                for (int k = 0; k < width; k++) z[c] += phi[i * width + k] * w.getDouble(k, c);
                max = Math.max(max, z[c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) sum += z[c] = Math.exp(z[c] - max);
            for (int c = 0; c < classes; c++) {
                assertEquals(z[c] / sum, predicted[i * classes + c], 1e-5, "sample " + i + " class " + c);
            }
            for (int k = 0; k < width; k++) someFeatureOff |= phi[i * width + k] != 0f;
        }
        assertTrue(someFeatureOff, "the features are not all zero");
    }
}
