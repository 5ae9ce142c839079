package org.predspace.training.engine;

import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.platform.NativeLibraries;

import java.util.Map;

/** A DL4J ComputationGraph trained by DL4J itself: every architecture, including batch norm and CNNs. */
public final class GraphNetwork implements TrainableNetwork {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    private final ComputationGraph net;
    private final int inputs;
    private final int classes;
    /** The vertex the output layer reads, or null when it reads the input (softmax regression). */
    private final String featureVertex;
    private final int featureSize;

    public GraphNetwork(ComputationGraph net, int inputs, int classes) {
        this.net = net;
        this.inputs = inputs;
        this.classes = classes;
        String output = net.getConfiguration().getNetworkOutputs().get(0);
        String read = net.getConfiguration().getVertexInputs().get(output).get(0);
        boolean fromInput = net.getConfiguration().getNetworkInputs().contains(read);
        this.featureVertex = fromInput ? null : read;
        this.featureSize = fromInput ? 0
                : (int) ((FeedForwardLayer) net.getLayer(output).conf().getLayer()).getNIn();
    }

    @Override
    public double fitBatch(float[] x, float[] y, int batch) {
        INDArray features = Nd4j.create(x, new long[] {batch, inputs}, DataType.FLOAT);
        INDArray targets = Nd4j.create(y, new long[] {batch, classes}, DataType.FLOAT);
        net.fit(new INDArray[] {features}, new INDArray[] {targets});
        return net.score();
    }

    @Override
    public float[] predict(float[] x, int rows) {
        INDArray out = net.outputSingle(false, Nd4j.create(x, new long[] {rows, inputs}, DataType.FLOAT));
        return out.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    @Override
    public int featureSize() { return featureSize; }

    @Override
    public float[] features(float[] x, int rows) {
        if (featureVertex == null) return TrainableNetwork.super.features(x, rows);
        return flatFeatures(activations(x, rows), rows);
    }

    @Override
    public Outputs predictWithFeatures(float[] x, int rows) {
        if (featureVertex == null) return TrainableNetwork.super.predictWithFeatures(x, rows);
        Map<String, INDArray> a = activations(x, rows);
        INDArray out = a.get(net.getConfiguration().getNetworkOutputs().get(0));
        return new Outputs(out.castTo(DataType.FLOAT).dup('c').data().asFloat(), flatFeatures(a, rows));
    }

    /** Every vertex's output in inference mode. */
    private Map<String, INDArray> activations(float[] x, int rows) {
        return net.feedForward(Nd4j.create(x, new long[] {rows, inputs}, DataType.FLOAT), false);
    }

    private float[] flatFeatures(Map<String, INDArray> activations, int rows) {
        // a global pooling vertex or dense layer gives [rows, width]; reshape covers any other rank
        return activations.get(featureVertex).castTo(DataType.FLOAT).dup('c').reshape('c', rows, featureSize).data().asFloat();
    }

    @Override
    public float[] parameters() { return net.params().castTo(DataType.FLOAT).dup().data().asFloat(); }

    @Override
    public long numParams() { return net.numParams(); }

    @Override
    public String implementation() { return "dl4j"; }
}
