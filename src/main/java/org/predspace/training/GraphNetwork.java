package org.predspace.training;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A DL4J ComputationGraph trained by DL4J itself: every architecture, including batch norm and CNNs. */
public final class GraphNetwork implements TrainableNetwork {
    static { org.predspace.platform.NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    private final ComputationGraph net;
    private final int inputs;
    private final int classes;

    public GraphNetwork(ComputationGraph net, int inputs, int classes) {
        this.net = net;
        this.inputs = inputs;
        this.classes = classes;
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
    public float[] parameters() { return net.params().castTo(DataType.FLOAT).dup().data().asFloat(); }

    @Override
    public long numParams() { return net.numParams(); }

    @Override
    public String implementation() { return "dl4j"; }
}
