package org.predspace.training.engine;

import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;

import org.predspace.platform.NativeLibraries;

import java.util.Arrays;

/**
 * DL4J's GlobalPoolingLayer with average pooling over the positions of each map: [rows, C, H, W]
 * to [rows, C] (seen here as [rows, C, 1, 1], which the dense layers read flattened).
 */
record GlobalAveragePool() implements FeatureMapStage {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them

    /** Whether {@code conf} is what this stage computes: average pooling over height and width, collapsed. */
    static boolean matches(GlobalPoolingLayer conf) {
        int[] dims = conf.getPoolingDimensions();
        return conf.getPoolingType() == PoolingType.AVG && conf.isCollapseDimensions()
                && (dims == null || Arrays.equals(dims, new int[] {2, 3}));
    }

    @Override
    public int channels(int channelsIn) { return channelsIn; }

    @Override
    public int outputSize(int size, boolean height) { return 1; }
}
