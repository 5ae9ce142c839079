package org.predspace.training.engine;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.predspace.platform.NativeLibraries;

import java.util.List;

/**
 * A batch normalisation layer over feature maps (per channel, over rows and positions), its
 * parameters and gradients as views into the network's flat arrays laid out as DL4J's
 * BatchNormalizationParamInitializer lays them out: gamma, beta, the running mean, then the
 * running spread (log10 of the standard deviation when {@code logStd}, DL4J's default, else the
 * variance), nOut values each. Gamma and beta follow the network's updater; the running
 * statistics are DL4J's NoOp-updated "parameters" ({@link ParamRegion#statistics()}), none of them
 * regularised (BatchNormalization.getRegularizationByParam gives none).
 *
 * @param relu whether a ReLU activation layer follows, which {@link BatchNormPass} applies in the same loop
 */
record BatchNormParams(int channels, double eps, double decay, boolean logStd, boolean relu, int offset,
                       INDArray gamma, INDArray beta, INDArray mean, INDArray spread,
                       INDArray dGamma, INDArray dBeta, INDArray dMean, INDArray dSpread) implements FeatureMapStage {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them

    /** Views for {@code conf}'s parameters starting at {@code offset} in the flat arrays, checked against {@code layer}'s own. */
    static BatchNormParams at(BatchNormalization conf, Layer layer, INDArray params, INDArray gradients, int offset) {
        if (conf.isLockGammaBeta() || conf.getCnn2DFormat() != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException(conf.getLayerName() + " is not an NCHW batch norm with trained gamma and beta");
        }
        int n = (int) conf.getNOut();
        String spreadKey = conf.isUseLogStd() ? "log10stdev" : "var";
        BatchNormParams p = new BatchNormParams(n, conf.getEps(), conf.getDecay(), conf.isUseLogStd(), false, offset,
                view(params, offset, n), view(params, offset + n, n), view(params, offset + 2 * n, n), view(params, offset + 3 * n, n),
                view(gradients, offset, n), view(gradients, offset + n, n), view(gradients, offset + 2 * n, n),
                view(gradients, offset + 3 * n, n));
        String[] keys = {"gamma", "beta", "mean", spreadKey};
        INDArray[] views = {p.gamma, p.beta, p.mean, p.spread};
        for (int i = 0; i < keys.length; i++) {
            INDArray own = layer.getParam(keys[i]);
            if (own == null || !views[i].equals(own.reshape(n))) throw new IllegalStateException("parameter layout differs from DL4J's");
        }
        return p;
    }

    private static INDArray view(INDArray flat, int offset, int length) {
        return ConvLayerParams.view(flat, offset, length).reshape(length);
    }

    /** The same layer with the ReLU that follows it folded in. */
    BatchNormParams withRelu() {
        return new BatchNormParams(channels, eps, decay, logStd, true, offset, gamma, beta, mean, spread, dGamma, dBeta, dMean, dSpread);
    }

    int size() { return 4 * channels; }

    /** Gamma and beta, trained; the running mean and spread, updated by the layer itself. */
    List<ParamRegion> regions() {
        return List.of(new ParamRegion(offset, 2 * channels, List.of()),
                new ParamRegion(offset + 2 * channels, 2 * channels, List.of(), true));
    }

    @Override
    public int channels(int channelsIn) {
        if (channelsIn != channels) throw new IllegalArgumentException("batch norm over " + channels + " channels reads " + channelsIn);
        return channels;
    }

    @Override
    public int outputSize(int size, boolean height) { return size; }
}
