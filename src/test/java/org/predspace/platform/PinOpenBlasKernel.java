package org.predspace.platform;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The test JVM pins OpenBLAS's kernels before any test runs, as Main does for the app: tests
 * that touch ND4J first (building a network, say) would otherwise load OpenBLAS with the
 * AVX-512 kernels that give wrong spectra (OpenBlasKernel).
 */
public final class PinOpenBlasKernel implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) { OpenBlasKernel.pinSafeKernel(); }
}
