package org.predspace.platform;

import java.util.function.Supplier;

/**
 * Calls into the C library through JNA with the caller's interrupt kept. JNA 5, the first time
 * it looks a library up on Linux, runs "/sbin/ldconfig -p" and waits for it, swallowing the
 * InterruptedException (NativeLibrary.getLinuxLdPaths): a thread interrupted before that wait
 * lost its interrupt whenever ldconfig had not yet been reaped, which the cold-cache CI run
 * caught (NativeLibrariesTest, a closed window's interrupt gone). JNA 4.3 did not wait.
 */
final class CLibrary {
    private CLibrary() {}

    /** {@code call}, run with the interrupt flag cleared and set again afterwards if it was set. */
    static <T> T keepingInterrupt(Supplier<T> call) {
        boolean interrupted = Thread.interrupted();
        try {
            return call.get();
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
