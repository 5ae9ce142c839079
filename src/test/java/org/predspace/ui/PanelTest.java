package org.predspace.ui;

import javafx.scene.Parent;
import javafx.scene.Scene;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.predspace.session.TestRuns;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * A panel in a real window over a fresh model, for each test: subclasses say how to build the
 * panel and how big the window is. {@link #openSynthetic} opens three synthetic runs and one
 * with unmeasured metrics ({@link PanelFixtures#writeWithGaps}).
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
public abstract class PanelTest<P extends Parent> {
    protected static final int CHECKPOINTS = 8;
    private final Function<ExplorerModel, P> factory;
    private final double width, height;
    protected Path dir;
    protected ExplorerModel model;
    protected P panel;

    protected PanelTest(Function<ExplorerModel, P> factory, double width, double height) {
        this.factory = factory;
        this.width = width;
        this.height = height;
    }

    /** After ApplicationExtension registered the stage (TestFX looks for @Start only in the test class itself). */
    @BeforeEach
    public void showPanel() throws Exception {
        dir = Files.createTempDirectory(getClass().getSimpleName());
        model = PanelFixtures.model(dir);
        FxToolkit.setupStage(stage -> {
            panel = factory.apply(model);
            stage.setScene(new Scene(panel, width, height));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    public void closeModel() {
        model.shutdown();
    }

    protected void openSynthetic() throws Exception {
        List<Path> dirs = new ArrayList<>(TestRuns.writeSynthetic(dir, 3, CHECKPOINTS));
        dirs.add(PanelFixtures.writeWithGaps(dir, "gappy", CHECKPOINTS));
        PanelFixtures.openAndWait(model, dirs);
    }

    /** Runs {@code c} on the JavaFX thread and returns its result. */
    protected static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    /** Runs {@code r} on the JavaFX thread and waits for the events it caused. */
    protected static void onFx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get();
        WaitForAsyncUtils.waitForFxEvents();
    }
}
