package org.predspace.ui;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * A test of the real main window ({@link FxWindow}): built before each test in a fresh
 * temporary folder, its session ended and its windows closed after.
 */
@Tag("ui")
public abstract class WindowTest {
    protected ExplorerModel model;
    protected MainWindow window;
    protected Path tmp;
    @RegisterExtension
    final FxWindow fxWindow = new FxWindow(shown -> {
        model = shown.model();
        window = shown.window();
        tmp = shown.tmp();
    });

    /** {@code read} on the JavaFX thread. */
    protected static <T> T fx(Callable<T> read) throws Exception { return WaitForAsyncUtils.asyncFx(read).get(); }
}
