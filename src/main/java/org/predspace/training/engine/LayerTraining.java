package org.predspace.training.engine;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.learning.config.IUpdater;
import org.predspace.platform.NativeLibraries;

import java.util.Objects;

/** What the fast paths reproduce of a DL4J layer's training configuration, and what they refuse. */
final class LayerTraining {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    private LayerTraining() {}

    /**
     * Why a fast path cannot train {@code conf} as DL4J would (dropout, weight noise, gradient
     * normalisation, or an updater other than the network's {@code updater}), or null when it can.
     */
    static String unsupported(BaseLayer conf, IUpdater updater) {
        if (conf.getIDropout() != null || conf.getWeightNoise() != null
                || (conf.getGradientNormalization() != null && conf.getGradientNormalization() != GradientNormalization.None)) {
            return conf.getLayerName() + " uses dropout, weight noise or gradient normalisation";
        }
        if (!Objects.equals(conf.getIUpdater(), updater)
                || (conf.getBiasUpdater() != null && !Objects.equals(conf.getBiasUpdater(), updater))) {
            return conf.getLayerName() + " has its own updater";
        }
        return null;
    }
}
