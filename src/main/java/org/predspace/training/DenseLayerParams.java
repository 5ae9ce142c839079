package org.predspace.training;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.List;

/**
 * One dense layer's parameters and gradients as views into the network's flat arrays, laid
 * out as DL4J's DefaultParamInitializer lays them out: W (nIn x nOut, column-major 'f') then
 * b (nOut), layer after layer in topological order. Keeping that layout is what makes a
 * parameter snapshot loadable by ComputationGraph.setParams.
 */
record DenseLayerParams(int nIn, int nOut, INDArray w, INDArray b, INDArray dw, INDArray db,
                        List<Regularization> weightRegularization, List<Regularization> biasRegularization) {

    /** Views for the layer configured by {@code conf} starting at {@code offset} in the flat arrays. */
    static DenseLayerParams at(BaseLayer conf, INDArray params, INDArray gradients, long offset) {
        FeedForwardLayer ff = (FeedForwardLayer) conf;
        int nIn = (int) ff.getNIn();
        int nOut = (int) ff.getNOut();
        long wLen = (long) nIn * nOut;
        return new DenseLayerParams(nIn, nOut,
                weights(params, offset, nIn, nOut), slice(params, offset + wLen, nOut).reshape(nOut),
                weights(gradients, offset, nIn, nOut), slice(gradients, offset + wLen, nOut).reshape(nOut),
                conf.getRegularization(), conf.getRegularizationBias());
    }

    long size() { return (long) nIn * nOut + nOut; }

    private static INDArray weights(INDArray flat, long offset, int nIn, int nOut) {
        INDArray w = slice(flat, offset, (long) nIn * nOut).reshape('f', nIn, nOut);
        if (!w.isView()) throw new IllegalStateException("weight matrix is not a view of the flat parameters");
        return w;
    }

    private static INDArray slice(INDArray flat, long offset, long length) {
        return flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(offset, offset + length));
    }
}
