package org.predspace.ui.workspace;

import javafx.application.Platform;
import javafx.scene.control.ListCell;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.predspace.data.DatasetCatalog;
import org.predspace.session.ExplorerSession;
import org.predspace.session.PictureFrame;
import org.predspace.session.TestRuns;
import org.predspace.ui.Colouring;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.ExplorerWindows;
import org.predspace.ui.FxWindow;
import org.predspace.ui.MainWindow;
import org.predspace.ui.CameraPose;
import org.predspace.ui.TabHeaders;
import org.predspace.ui.TestWindow;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Saved views driven through the real window: Ctrl+digit saves, the digit recalls (also in
 * presentation mode), a click in the Views list recalls, and the recalled picture is the
 * picture that was saved, pixel for pixel.
 */
@Tag("ui")
class SavedViewsWindowTest {
    private ExplorerModel model;
    private MainWindow window;
    @RegisterExtension
    final FxWindow fx = new FxWindow(shown -> { model = shown.model(); window = shown.window(); });

    static void waitForDrawn(MainWindow window, int points) throws Exception {
        TestWindow.waitForDrawn(window, points);
        settle();
    }

    /** Lets the view's scale easing and redraw finish. */
    static void settle() throws Exception {
        Thread.sleep(600);
        WaitForAsyncUtils.waitForFxEvents(10);
    }

    static Image snapshot(MainWindow window) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> window.view().subScene().snapshot(null, null)).get();
    }

    /**
     * Of the pixels that show something (not the background, taken from the top-left corner) in
     * either image, the share whose colour differs by more than a little: about 1 when the
     * picture moved, about 0 when it is the same; independent of how much of the view is empty.
     */
    static double differingShare(Image a, Image b) {
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        int w = (int) a.getWidth(), h = (int) a.getHeight(), drawn = 0, differ = 0;
        int background = a.getPixelReader().getArgb(0, 0);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = a.getPixelReader().getArgb(x, y), q = b.getPixelReader().getArgb(x, y);
                if (distance(p, background) <= 24 && distance(q, background) <= 24) continue;
                drawn++;
                if (distance(p, q) > 24) differ++;
            }
        }
        return drawn == 0 ? 0 : differ / (double) drawn;
    }

    private static int distance(int p, int q) {
        return Math.abs((p >> 16 & 255) - (q >> 16 & 255)) + Math.abs((p >> 8 & 255) - (q >> 8 & 255)) + Math.abs((p & 255) - (q & 255));
    }

    @Test
    void ctrlDigitSavesAndTheDigitRecallsTheSamePicture(FxRobot robot) throws Exception {
        List<Path> dirs = TestRuns.writeSynthetic(fx.tmp(), 3, 8);
        Platform.runLater(() -> model.openRuns(dirs));
        waitForDrawn(window, 2 + 3 * 8);

        // arrange a picture: turned camera, one run hidden, coloured by seed, up to step 30
        WaitForAsyncUtils.asyncFx(() -> {
            window.view().setPose(new CameraPose(-40, 70, 30, -20, 1200));
            model.showRun(model.runs().get(1), false);
            model.colourBy(Colouring.SEED);
            model.showUpToStep(30);
        }).get();
        settle();
        Image saved = snapshot(window);
        robot.clickOn(window.view());
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, model.savedViews().size(), "Ctrl+2 beyond the saved views adds one");
        SavedView v = model.savedViews().get(0);
        assertEquals(Colouring.SEED, v.colouring());
        assertEquals(Set.of(model.runs().get(1).name()), v.hiddenRuns());
        assertEquals(30, v.shownUpToStep());

        // change everything, and check the picture did change
        WaitForAsyncUtils.asyncFx(() -> {
            window.view().resetView();
            model.runs().forEach(r -> model.showRun(r, true));
            model.colourBy(Colouring.PROGRESS);
            model.showUpToStep(Long.MAX_VALUE);
        }).get();
        settle();
        double changed = differingShare(saved, snapshot(window));

        robot.type(KeyCode.DIGIT1);
        settle();
        assertEquals(new CameraPose(-40, 70, 30, -20, 1200), window.view().pose());
        assertEquals(Colouring.SEED, model.colouringProperty().get());
        assertFalse(model.runs().get(1).isVisible());
        assertEquals(30, model.shownUpToStepProperty().get());
        assertEquals("step ≤ 30", robot.lookup("#playback-step").queryLabeled().getText());
        double recalled = differingShare(saved, snapshot(window));

        robot.type(KeyCode.DIGIT5);   // an empty slot changes nothing
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Colouring.SEED, model.colouringProperty().get());
    }

    @Test
    void digitsRecallViewsInPresentationModeAndTheListRecallsOnClick(FxRobot robot) throws Exception {
        List<Path> dirs = TestRuns.writeSynthetic(fx.tmp(), 2, 6);
        Platform.runLater(() -> model.openRuns(dirs));
        waitForDrawn(window, 2 + 2 * 6);
        WaitForAsyncUtils.asyncFx(() -> {
            model.colourBy(Colouring.RUN);
            window.savedViews().store(1);
            window.view().setPose(new CameraPose(10, 150, 0, 0, 3000));
            model.colourBy(Colouring.STEP);
            model.showTrajectories(false);
            window.savedViews().store(2);
        }).get();
        assertEquals(List.of("View 1", "View 2"), model.savedViews().stream().map(SavedView::name).toList());

        robot.clickOn(window.view());
        robot.type(KeyCode.F5);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, window::presenting);
        robot.type(KeyCode.DIGIT1);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Colouring.RUN, model.colouringProperty().get());
        assertEquals(CameraPose.DEFAULT, window.view().pose());
        assertTrue(model.trajectoriesShownProperty().get());
        robot.type(KeyCode.DIGIT2);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Colouring.STEP, model.colouringProperty().get());
        assertEquals(3000, window.view().pose().distance(), 1e-9);
        assertFalse(model.trajectoriesShownProperty().get());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !window.presenting());

        // the Views tab lists both with their keys; a click on the first recalls it
        TabHeaders.open(robot, "tab-views");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup("#saved-views .list-cell").nth(0).queryAs(ListCell.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Colouring.RUN, model.colouringProperty().get());
        assertEquals(CameraPose.DEFAULT, window.view().pose());
        assertTrue(robot.lookup("#saved-views .list-cell").nth(1).queryAs(ListCell.class)
                .getText().startsWith("2"), "the second view shows its key");
    }
}
