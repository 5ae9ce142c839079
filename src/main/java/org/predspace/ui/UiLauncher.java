package org.predspace.ui;

import javafx.application.Application;
import org.predspace.platform.NativeLibraries;

import java.util.Locale;
import java.util.logging.Logger;

/**
 * Starts the explorer. JavaFX loaded from the class path refuses a main class that extends
 * Application ("runtime components are missing"), hence this launcher (docs/architecture.md).
 */
public final class UiLauncher {
    /** How to run a JavaFX command on a machine without a screen; the command's own words follow. */
    public static final String VIRTUAL_DISPLAY = "on a machine without a screen run it under a virtual display:"
            + " xvfb-run -a -s \"-screen 0 1600x1000x24\" java -Dprism.forceGPU=true -jar predspace.jar";

    /**
     * JavaFX warns on every start from the class path ("Unsupported JavaFX configuration") through
     * this logger; that one warning is dropped, so a window or a failed start says only what
     * PredSpace says. Held: loggers are weakly kept.
     */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

    static {
        JAVAFX_LOG.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
    }

    private UiLauncher() {}

    /**
     * Stops {@code what} (e.g. "the explorer") with one line before JavaFX fails with a stack trace:
     * on Linux a window needs an X or Wayland display named in the environment.
     *
     * @param command the command line to suggest after {@code -jar predspace.jar}
     * @throws IllegalStateException saying so, and how to get a virtual display
     */
    public static void requireDisplay(String what, String command) {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                && blank(System.getenv("DISPLAY")) && blank(System.getenv("WAYLAND_DISPLAY"))) {
            throw new IllegalStateException(what + " draws with JavaFX and needs a display, but DISPLAY is not set; "
                    + VIRTUAL_DISPLAY + " " + command);
        }
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }

    public static void launch(String... args) {
        preferGpuPipeline();
        // the first picture needs OpenBLAS: loaded while JavaFX starts, not after the runs are read
        NativeLibraries.startLoadingBlas();
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
