package org.predspace.spectra;

import org.predspace.platform.NativeLibraries;
import org.predspace.platform.OpenBlas;

import java.util.function.Supplier;

/**
 * OpenBLAS's thread count raised for one large call (the Fisher's Gram matrix and its
 * eigenvalues), then put back. The engine otherwise runs OpenBLAS on one thread (NativeBackend:
 * small training ops are faster that way), and there is one OpenBLAS in the process, shared with
 * ND4J: while a spectrum holds more threads, a training running at the same time in this process
 * also gets them for its BLAS calls. Callers are serialised, so two spectra do not fight over
 * the setting.
 *
 * <p>Measured on the 2-core machine: dsyrk of the 5,000 x 44,426 LeNet G from 22 s to 12 s.
 */
final class BlasThreads {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them

    private static final Object LOCK = new Object();

    private BlasThreads() {}

    static <T> T using(int threads, Supplier<T> work) {
        synchronized (LOCK) {
            int before = OpenBlas.threads();
            OpenBlas.setThreads(Math.max(1, threads));
            try {
                return work.get();
            } finally {
                OpenBlas.setThreads(before);
            }
        }
    }
}
