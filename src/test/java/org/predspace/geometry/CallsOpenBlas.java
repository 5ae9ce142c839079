package org.predspace.geometry;

import org.bytedeco.openblas.global.openblas;
import org.predspace.platform.NativeLibraries;

/**
 * Test fixture only: a core class that calls OpenBLAS's binding itself (after the gateway, so
 * only the platform rule is broken), to prove ArchitectureTest can fail.
 */
public final class CallsOpenBlas {
    static { NativeLibraries.requireBlas(); }

    public int threads() { return openblas.blas_get_num_threads(); }
}
