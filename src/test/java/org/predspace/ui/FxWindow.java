package org.predspace.ui;

import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The explorer's main window for a UI test, in place of TestFX's ApplicationExtension and a
 * {@code @Start} method: before each test a fresh temporary folder and the window as the app
 * builds it ({@link TestWindow}) on TestFX's primary stage; after each test the session ended
 * and every window closed, the main window's scene dropped, so that no window, dialog or scene
 * graph of one test is left for the next test or the next class. Test methods may take an
 * {@link FxRobot} parameter.
 *
 * <pre>
 * private ExplorerModel model;
 * private MainWindow window;
 * &#64;RegisterExtension
 * final FxWindow fx = new FxWindow(shown -&gt; { model = shown.model(); window = shown.window(); });
 * </pre>
 */
public final class FxWindow implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private final Consumer<FxWindow> onShown;
    private Path tmp;
    private Stage stage;
    private TestWindow shown;

    /** {@code onShown} runs on the JavaFX thread once the window is shown, where a {@code @Start} method ran. */
    public FxWindow(Consumer<FxWindow> onShown) {
        this.onShown = onShown;
    }

    public ExplorerModel model() { return shown.model(); }

    public MainWindow window() { return shown.window(); }

    /** The test's own temporary folder; runs trained in the window go to {@code tmp/trained}. */
    public Path tmp() { return tmp; }

    public Stage stage() { return stage; }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        tmp = Files.createTempDirectory("predspace-" + context.getRequiredTestClass().getSimpleName());
        stage = FxToolkit.registerPrimaryStage();
        // built from the test thread with a generous wait: on a loaded machine building the window
        // can take longer than TestFX's setup timeout
        WaitForAsyncUtils.asyncFx(() -> {
            shown = TestWindow.show(stage, tmp);
            onShown.accept(this);
        }).get(3, TimeUnit.MINUTES);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (shown != null) shown.model().shutdown();
        } finally {
            WaitForAsyncUtils.asyncFx(() -> {
                for (Window w : new ArrayList<>(Window.getWindows())) w.hide();
                stage.setScene(null);   // the primary stage outlives the test: let go of the window's scene graph
            }).get(1, TimeUnit.MINUTES);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    /**
     * Waits up to {@code seconds} until {@code condition}, read on the JavaFX thread, holds; returns
     * either way, so that the assertion after it says what is wrong. For a picture that changes at
     * the next pulse or two after the model does.
     */
    public static void awaitOnFx(long seconds, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        } catch (TimeoutException e) {
            // the caller's assertion reports it
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FxRobot.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return new FxRobot();
    }
}
