package org.predspace.training.engine;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.predspace.platform.NativeLibraries;

import java.util.List;

/**
 * One dense layer's parameters and gradients as views into the network's flat arrays, laid
 * out as DL4J's DefaultParamInitializer lays them out: W (nIn x nOut, column-major 'f') then
 * b (nOut), layer after layer in topological order. Keeping that layout is what makes a
 * parameter snapshot loadable by ComputationGraph.setParams.
 *
 * @param offset  where W starts in the flat arrays; b follows it
 * @param dwT     the gradient of W viewed as its transpose (nOut x nIn, row-major): the same
 *                memory as the column-major nIn x nOut matrix, and a faster GEMM target
 * @param db      the gradient of b as a 1 x nOut row
 */
record DenseLayerParams(int nIn, int nOut, int offset, INDArray w, INDArray b, INDArray dwT, INDArray db,
                        List<Regularization> weightRegularization, List<Regularization> biasRegularization) {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them

    /** Views for the layer configured by {@code conf} starting at {@code offset} in the flat arrays. */
    static DenseLayerParams at(BaseLayer conf, INDArray params, INDArray gradients, int offset) {
        FeedForwardLayer ff = (FeedForwardLayer) conf;
        int nIn = (int) ff.getNIn();
        int nOut = (int) ff.getNOut();
        int wLen = nIn * nOut;
        return new DenseLayerParams(nIn, nOut, offset,
                view(params, offset, wLen).reshape('f', nIn, nOut), view(params, offset + wLen, nOut),
                view(gradients, offset, wLen).reshape('c', nOut, nIn), view(gradients, offset + wLen, nOut),
                orEmpty(conf.getRegularization()), orEmpty(conf.getRegularizationBias()));
    }

    int size() { return nIn * nOut + nOut; }

    /** The weights and the bias as the regions the update regularises. */
    List<ParamRegion> regions() {
        return List.of(new ParamRegion(offset, nIn * nOut, weightRegularization),
                new ParamRegion(biasOffset(), nOut, biasRegularization));
    }

    int biasOffset() { return offset + nIn * nOut; }

    private static INDArray view(INDArray flat, int offset, int length) {
        INDArray v = flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(offset, offset + length));
        if (!v.isView()) throw new IllegalStateException("not a view of the flat array");
        return v;
    }

    private static List<Regularization> orEmpty(List<Regularization> regs) {
        return regs == null ? List.of() : regs;
    }
}
