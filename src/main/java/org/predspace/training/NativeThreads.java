package org.predspace.training;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * ND4J's default native threading spreads each small op over every core, which on a
 * 2-core machine is 3-4x slower than one thread per op (measured: 784-128-10 MLP,
 * 11 ms/step default versus 3.6 ms/step single-threaded; STACK.md has the same figures).
 * PredSpace instead runs one training per core, each on one native thread.
 */
public final class NativeThreads {
    private static volatile boolean configured;

    private NativeThreads() {}

    /** Idempotent; call before the first network is built. */
    public static synchronized void useOneThreadPerOp() {
        if (configured) return;
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        configured = true;
    }

    /** How many trainings can run at once without sharing a core. */
    public static int cores() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
