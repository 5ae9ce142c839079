package org.predspace.geometry;

/**
 * Test fixture only: a class that loads natives itself, on whatever thread first uses it, to
 * prove ArchitectureTest can fail.
 */
public final class NativeBypass {
    public Object array() {
        org.bytedeco.javacpp.Loader.load(org.bytedeco.openblas.global.openblas.class);
        return org.nd4j.linalg.factory.Nd4j.zeros(2);
    }
}
