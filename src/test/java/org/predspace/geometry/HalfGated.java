package org.predspace.geometry;

import org.nd4j.linalg.factory.Nd4j;
import org.predspace.platform.NativeLibraries;

/**
 * Test fixture only: a class that uses ND4J but waits only for OpenBLAS, to prove
 * ArchitectureTest tells the two gateway calls apart.
 */
public final class HalfGated {
    static { NativeLibraries.requireBlas(); }

    public Object array() {
        return Nd4j.zeros(2);
    }
}
