package org.predspace.ui;

import javafx.application.Application;

/**
 * Starts the explorer. JavaFX loaded from the class path refuses a main class that extends
 * Application ("runtime components are missing"), hence this launcher (STACK.md).
 */
public final class UiLauncher {
    private UiLauncher() {}

    public static void launch(String... args) {
        preferGpuPipeline();
        // the first picture needs OpenBLAS: loaded while JavaFX starts, not after the runs are read
        org.predspace.geometry.GeometryNatives.loadInBackground();
        // Spectra must not force full garbage collections here: they would freeze the picture.
        if (System.getProperty("predspace.spectra.boundHeap") == null) System.setProperty("predspace.spectra.boundHeap", "false");
        Application.launch(PredSpaceApp.class, args);
    }

    /**
     * Mesa's software GL (virtual displays, some VMs) is refused by default and 3D silently
     * disappears; forcing the GPU pipeline makes it draw. A user's own setting wins. Only
     * effective before the JavaFX toolkit starts.
     */
    public static void preferGpuPipeline() {
        if (System.getProperty("prism.forceGPU") == null) System.setProperty("prism.forceGPU", "true");
    }
}
