package org.predspace.ui;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The tour's keys in the normal window: PageDown/PageUp/Home step chapters once the picture has
 * been clicked (elsewhere they keep scrolling lists and panels), B hides the caption until the
 * next chapter; with no chapters a key says so once and changes nothing else.
 */
@Tag("ui")
class ChapterKeysTest {
    private ExplorerModel model;
    private MainWindow window;
    @RegisterExtension
    final FxWindow fx = new FxWindow(shown -> { model = shown.model(); window = shown.window(); });

    private int current() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> window.tour().currentProperty().get()).get(10, TimeUnit.SECONDS);
    }

    /** A click on the picture away from the empty window's card. */
    private void clickPicture(FxRobot robot) throws Exception {
        Bounds b = WaitForAsyncUtils.asyncFx(() -> window.view().localToScreen(window.view().getLayoutBounds())).get();
        robot.clickOn(new Point2D(b.getMinX() + 30, b.getMaxY() - 30));
    }

    @Test
    void pageKeysStepChaptersOnceThePictureHasTheFocus(FxRobot robot) throws Exception {
        CameraPose second = new CameraPose(10, 60, 0, 0, 900);
        WaitForAsyncUtils.asyncFx(() -> model.setChapters(List.of(
                ChapterTourScreenTest.chapter("One", "first", CameraPose.DEFAULT, List.of(), List.of()),
                ChapterTourScreenTest.chapter("Two", "second", second, List.of(), List.of()),
                ChapterTourScreenTest.chapter("Three", "third", CameraPose.DEFAULT, List.of(), List.of())))).get();
        robot.clickOn("#tab-details");   // the focus in the panels: the page keys are theirs
        robot.type(KeyCode.PAGE_DOWN);
        assertEquals(-1, current(), "PageDown outside the picture steps no chapter");

        clickPicture(robot);
        robot.type(KeyCode.PAGE_DOWN);
        assertEquals(0, current());
        assertTrue(robot.lookup("#caption-overlay").query().isVisible());
        assertEquals("1 / 3", robot.lookup("#caption-number").queryLabeled().getText());
        robot.type(KeyCode.PAGE_DOWN);
        assertEquals(1, current());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> !window.view().isGliding()).get());
        assertEquals(second, WaitForAsyncUtils.asyncFx(window.view()::pose).get());
        assertEquals("Two", robot.lookup("#caption-title").queryLabeled().getText());

        robot.type(KeyCode.B);
        assertFalse(robot.lookup("#caption-overlay").query().isVisible(), "B hides the caption");
        robot.type(KeyCode.PAGE_DOWN);
        assertEquals(2, current());
        assertTrue(robot.lookup("#caption-overlay").query().isVisible(), "the next chapter brings its caption");
        robot.type(KeyCode.PAGE_DOWN);
        assertEquals(2, current(), "the last chapter stays");
        robot.type(KeyCode.PAGE_UP);
        assertEquals(1, current());
        robot.type(KeyCode.HOME);
        assertEquals(0, current());
        robot.type(KeyCode.PAGE_UP);
        assertEquals(0, current(), "the first chapter stays");

        robot.clickOn("#caption-close");
        assertFalse(robot.lookup("#caption-overlay").query().isVisible(), "the close button hides the caption");
        assertFalse(window.tour().captionShownProperty().get());
    }

    @Test
    void withNoChaptersAKeySaysSoOnce(FxRobot robot) throws Exception {
        CameraPose before = WaitForAsyncUtils.asyncFx(window.view()::pose).get();
        clickPicture(robot);
        robot.type(KeyCode.PAGE_DOWN);
        robot.type(KeyCode.PAGE_DOWN);
        robot.type(KeyCode.B);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup(".notification-bar").queryAll().isEmpty());
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, robot.lookup(".notification-bar").queryAll().size(), "one notice, however many keys");
        assertEquals(-1, current());
        assertEquals(before, WaitForAsyncUtils.asyncFx(window.view()::pose).get());
        assertFalse(robot.lookup("#caption-overlay").query().isVisible());
    }
}
