package org.predspace.geometry;

/**
 * The native library the picture's eigendecompositions need (OpenBLAS with LAPACK, through
 * JavaCPP), loaded on request. Loading it takes 0.5-1 s from a warm JavaCPP cache and several
 * seconds on a first start (unpacking); the explorer starts it on its own thread while JavaFX
 * starts, so the first picture does not wait for it. ND4J, which the picture does not need, is
 * not loaded here.
 */
public final class GeometryNatives {
    static { org.predspace.platform.OpenBlasKernel.pinSafeKernel(); }   // before OpenBLAS loads

    private GeometryNatives() {}

    /** Loads OpenBLAS now on the calling thread (once; later calls return at once). */
    public static void load() {
        org.bytedeco.javacpp.Loader.load(org.bytedeco.openblas.global.openblas.class);
    }

    /**
     * Starts {@link #load} on a daemon thread of its own, one nothing interrupts (an
     * interrupted unpack poisons OpenBLAS for the process). A failure here is left to the
     * first real use, which reports it.
     */
    public static void loadInBackground() {
        Thread t = new Thread(() -> {
            try {
                load();
            } catch (RuntimeException | LinkageError e) {
                // the first eigendecomposition loads it again and reports what went wrong
            }
        }, "geometry-natives");
        t.setDaemon(true);
        t.start();
    }
}
