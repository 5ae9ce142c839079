package org.predspace.geometry;

/**
 * Test fixture only: a class that uses ND4J but waits only for OpenBLAS, to prove
 * ArchitectureTest tells the two gateway calls apart.
 */
public final class HalfGated {
    static { org.predspace.platform.NativeLibraries.requireBlas(); }

    public Object array() {
        return org.nd4j.linalg.factory.Nd4j.zeros(2);
    }
}
