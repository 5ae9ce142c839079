package org.predspace.platform;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The test JVM loads the native libraries before any test runs, through the gateway as the app
 * does: a test that touches ND4J first (building a network, say) would otherwise load OpenBLAS
 * with the AVX-512 kernels that give wrong spectra (OpenBlasKernel), and a UI test that closes
 * its window while a background thread is unpacking them would poison every later test
 * (NativeLibraries). A failure is left to the tests that need the libraries to report.
 */
public final class LoadNativeLibraries implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NativeLibraries.prepare();
        try {
            NativeLibraries.require();
        } catch (NativeLibraries.Unavailable e) {
            System.err.println(e.getMessage());
        }
    }
}
