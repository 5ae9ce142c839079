package org.predspace.geometry;

import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Test fixture only: a class that loads natives itself, on whatever thread first uses it, to
 * prove ArchitectureTest can fail.
 */
public final class NativeBypass {
    public Object array() {
        Loader.load(org.bytedeco.openblas.global.openblas.class);
        return Nd4j.zeros(2);
    }
}
