package org.predspace.ui.figures;

import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import org.predspace.ui.UiLauncher;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** JavaFX for a command: started without an Application or a window, and work handed to its thread. */
final class FxPlatform {
    static final String HEADLESS = UiLauncher.VIRTUAL_DISPLAY + " render ...";

    /**
     * JavaFX warns on every start from the class path ("Unsupported JavaFX configuration",
     * docs/architecture.md) through this logger; a command's stderr is for its own one-line errors, so it is
     * quietened while the toolkit starts. Held: loggers are weakly kept.
     */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

    private FxPlatform() {}

    /**
     * Starts the toolkit (or finds it running, as in tests) and checks that it draws 3D.
     *
     * @throws IllegalStateException with one line saying how to run headless: no display, or no 3D
     */
    static void start() throws InterruptedException {
        UiLauncher.requireDisplay("render", "render ...");
        UiLauncher.preferGpuPipeline();
        Level level = JAVAFX_LOG.getLevel();
        JAVAFX_LOG.setLevel(Level.SEVERE);
        CountDownLatch up = new CountDownLatch(1);
        try {
            Platform.startup(up::countDown);
            up.await();
        } catch (IllegalStateException running) {
            // the toolkit is already up (a test, or a window in this JVM): use it
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("JavaFX could not start (" + e.getMessage() + "); " + HEADLESS, e);
        } finally {
            JAVAFX_LOG.setLevel(level);
        }
        if (!Platform.isSupported(ConditionalFeature.SCENE3D)) {
            throw new IllegalStateException("this graphics stack cannot draw 3D (JavaFX reports no SCENE3D support);"
                    + " with Mesa's software GL start java with -Dprism.forceGPU=true");
        }
    }

    /** Runs {@code work} on the JavaFX thread and waits for its result; its exception is rethrown as is. */
    static <T> T call(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return unwrap(result);
    }

    /** Waits for {@code f}; what it failed with is thrown unwrapped, so its message reaches the user. */
    static <T> T unwrap(CompletableFuture<T> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) throw ex;
            if (cause instanceof Error err) throw err;
            throw e;
        }
    }
}
