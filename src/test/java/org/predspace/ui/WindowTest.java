package org.predspace.ui;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * A test of the real main window (TestWindow), built before each test from the test thread
 * ({@link TestWindow#showFromTest}) in a fresh temporary folder, its session ended after.
 */
@ExtendWith(ApplicationExtension.class)
public abstract class WindowTest {
    protected ExplorerModel model;
    protected MainWindow window;
    protected Path tmp;
    @BeforeEach
    void buildWindow() throws Exception {
        tmp = Files.createTempDirectory("predspace-" + getClass().getSimpleName());
        // TestFX calls only the test class's own @Start: the stage it would pass is its primary stage
        TestWindow w = TestWindow.showFromTest(org.testfx.api.FxToolkit.registerPrimaryStage(), tmp);
        model = w.model();
        window = w.window();
    }

    @AfterEach
    void endSession() { if (model != null) model.shutdown(); }

    /** {@code read} on the JavaFX thread. */
    protected static <T> T fx(Callable<T> read) throws Exception { return WaitForAsyncUtils.asyncFx(read).get(); }
}
