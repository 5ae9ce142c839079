package org.predspace.training.engine;

import org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.predspace.platform.NativeLibraries;
import org.predspace.platform.Workers;

/**
 * Sets up ND4J's native backend for this engine, once, before the first network is built.
 *
 * <p>Threads: ND4J's default spreads each small op over every core, which on a 2-core
 * machine is 3-4x slower than one thread per op (784-128-10 MLP: 11 ms/step default versus
 * 3.6 ms/step single-threaded; docs/architecture.md has the thread policy). PredSpace instead trains one
 * network per core, each on one native thread.
 *
 * <p>oneDNN: the build links ND4J's oneDNN variant, but DL4J 1.0.0-M2.1 ships with its layer
 * helpers switched off (system property {@value #HELPERS_DISABLED} defaults to true) and its
 * oneDNN check looks for a class that moved (see org.nd4j.nativeblas.Nd4jCpu in this
 * project). With both fixed, convolution layers run through oneDNN instead of DL4J's generic
 * im2col path: LeNet-5 on MNIST, batch 128, went from about 215 to 35-60 ms per step.
 */
public final class NativeBackend {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them

    static final String HELPERS_DISABLED = "org.eclipse.deeplearning4j.helpers.disable";
    private static volatile boolean configured;

    private NativeBackend() {}

    /** Idempotent; call before the first network is built. */
    public static synchronized void configure() {
        if (configured) return;
        System.setProperty(HELPERS_DISABLED, "false");
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        configured = true;
    }

    /** Whether convolutions can use oneDNN (false on a backend built without it). */
    public static boolean oneDnnAvailable() {
        configure();
        return Nd4jCpu.Environment.getInstance().isUseONEDNN();
    }

    /** How many trainings can run at once without sharing a core: the core budget ({@link Workers#cores()}). */
    public static int cores() {
        return Workers.cores();
    }
}
