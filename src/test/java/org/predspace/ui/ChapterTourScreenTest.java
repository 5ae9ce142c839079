package org.predspace.ui;

import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.predspace.session.ExplorerSession;
import org.predspace.session.TestRuns;
import org.predspace.ui.chapters.Chapter;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A lecturer's clicker in presentation mode, judged on the X screen (import -window root): two
 * chapters of clearly different views (other runs, another camera, panels beside the picture
 * in the second); PageDown must put on the screen what the second chapter shown directly puts
 * there, PageUp what the first does, and B must take the caption off the screen.
 */
@Tag("ui")
class ChapterTourScreenTest {
    static final CameraPose FIRST = new CameraPose(-22, -35, 0, 0, 1450);
    static final CameraPose SECOND = new CameraPose(-65, 140, 40, -30, 900);

    private ExplorerModel model;
    private MainWindow window;
    @RegisterExtension
    final FxWindow fx = new FxWindow(shown -> { model = shown.model(); window = shown.window(); });

    static Chapter chapter(String title, String caption, CameraPose pose, List<String> runs, List<String> panels) {
        return new Chapter(title, caption, "Mao et al., PNAS 2024 [A]", pose, Colouring.RUN, ExplorerSession.Probe.TRAINING,
                new int[] {0, 1, 2}, Long.MAX_VALUE, true, runs, panels, Set.of(), null, false);
    }

    @Test
    void pageDownPutsTheNextChaptersViewOnTheScreenAndBHidesTheCaption(FxRobot robot) throws Exception {
        List<Path> dirs = TestRuns.writeSynthetic(fx.tmp(), 4, 8);
        Platform.runLater(() -> model.openRuns(dirs));
        TestWindow.waitForDrawn(window, 2 + 4 * 8);
        Chapter first = chapter("Two runs from ignorance", "Runs 0 and 1 leave the uniform prediction and bend towards the labels.",
                FIRST, List.of("run-0", "run-1"), List.of());
        Chapter second = chapter("Two other runs, seen from above", "Runs 2 and 3 from another side; the distances between"
                + " their paths are on the right.", SECOND, List.of("run-2", "run-3"), List.of("Curves", "Details"));
        WaitForAsyncUtils.asyncFx(() -> {
            model.setChapters(List.of(first, second));
            window.setPresenting(true);
        }).get(10, TimeUnit.SECONDS);
        robot.moveTo(window.playback());   // no hover card over the picture

        // the screen each chapter makes when it is shown directly
        show(1);
        BufferedImage secondDirect = picture("second-direct");
        show(0);
        BufferedImage firstDirect = picture("first-direct");
        assertTrue(different(firstDirect, secondDirect), "the two chapters look different");

        robot.type(KeyCode.PAGE_DOWN);
        settle();
        BufferedImage afterPageDown = picture("after-page-down");
        XScreen.capture(WaitForAsyncUtils.asyncFx(() -> window.scene().getRoot().localToScreen(window.scene().getRoot().getLayoutBounds()))
                .get(10, TimeUnit.SECONDS), Path.of("target", "tour-shots", "presentation.png"));
        assertEquals(secondDirect.getWidth(), afterPageDown.getWidth(), "PageDown narrows the picture for the second chapter's panels");
        assertTrue(share(afterPageDown, secondDirect) < 0.05, "PageDown shows the second chapter: " + share(afterPageDown, secondDirect)
                + " of the picture differs from it shown directly");
        assertTrue(different(afterPageDown, firstDirect), "PageDown moved away from the first chapter");
        assertEquals(1, model.chapters().indexOf(window.tour().current()));
        assertEquals(SECOND, window.view().pose());
        assertEquals(List.of("Curves", "Details"), window.panelsBeside());
        assertEquals(second.title(), robot.lookup("#caption-title").queryAs(Label.class).getText());
        assertEquals("2 / 2", robot.lookup("#caption-number").queryAs(Label.class).getText());

        Bounds band = WaitForAsyncUtils.asyncFx(() -> {
            Bounds b = window.scene().lookup("#caption-overlay").localToScreen(window.scene().lookup("#caption-overlay").getLayoutBounds());
            return window.view().screenToLocal(b);
        }).get(10, TimeUnit.SECONDS);
        robot.type(KeyCode.B);
        settle();
        assertFalse(robot.lookup("#caption-overlay").query().isVisible(), "B hides the caption");
        BufferedImage hidden = picture("caption-hidden");
        int x = (int) Math.max(0, band.getMinX()), y = (int) Math.max(0, band.getMinY());
        int w = (int) Math.min(band.getWidth(), hidden.getWidth() - x), h = (int) Math.min(band.getHeight(), hidden.getHeight() - y);
        // the caption's words are dark type: the band's dark pixels go with it (paths drawn there stay)
        double inkShown = XScreen.darkShare(afterPageDown, x, y, w, h), inkHidden = XScreen.darkShare(hidden, x, y, w, h);
        assertTrue(inkShown > 0.02 && inkHidden < inkShown / 3, "the caption left the screen: dark pixels in its band "
                + inkShown + " shown, " + inkHidden + " hidden");
        robot.type(KeyCode.PERIOD);
        settle();
        assertTrue(robot.lookup("#caption-overlay").query().isVisible(), "'.' (a clicker's blank key) shows it again");

        robot.type(KeyCode.PAGE_UP);
        settle();
        assertEquals(0, model.chapters().indexOf(window.tour().current()));
        assertEquals(FIRST, window.view().pose());
        assertEquals(List.of(), window.panelsBeside());
        // the X screen can lag the scene by a few frames on a loaded machine (llvmpipe draws on the
        // same two cores): the first chapter must be back on the screen within a few seconds
        BufferedImage afterPageUp = picture("after-page-up");
        for (int tries = 0; tries < 10 && share(afterPageUp, firstDirect) >= 0.05; tries++) {
            Thread.sleep(500);
            afterPageUp = picture("after-page-up");
        }
        assertTrue(share(afterPageUp, firstDirect) < 0.05, "PageUp shows the first chapter again: " + share(afterPageUp, firstDirect));

        robot.type(KeyCode.ESCAPE);
        settle();
        assertFalse(window.presenting());
        assertEquals(List.of(), window.panelsBeside());
        for (Tab t : window.panels().getTabs()) assertNotNull(t.getContent(), t.getText() + " has its panel back");
    }

    private void show(int index) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.tour().show(index)).get(10, TimeUnit.SECONDS);
        settle();
    }

    /** Waits for the camera's glide, the picture's scale and any panel's work to end. */
    private void settle() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> !window.view().isGliding()
                && window.view().isSettled() && model.tasks().running().isEmpty()).get());
        Thread.sleep(700);
        WaitForAsyncUtils.waitForFxEvents(10);
    }

    /** The picture (with the caption over it) as the X screen shows it; kept under target/tour-shots. */
    private BufferedImage picture(String name) throws Exception {
        Bounds area = WaitForAsyncUtils.asyncFx(() -> window.view().localToScreen(window.view().getLayoutBounds()))
                .get(10, TimeUnit.SECONDS);
        Path keep = Files.createDirectories(Path.of("target", "tour-shots")).resolve(name + ".png");
        return XScreen.capture(area, keep);
    }

    /** Pictures of other sizes (panels beside one of them), or most of what is drawn changed. */
    private static boolean different(BufferedImage a, BufferedImage b) {
        return a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight() || share(a, b) > 0.5;
    }

    private static double share(BufferedImage a, BufferedImage b) {
        assertEquals(a.getWidth(), b.getWidth(), "same picture size");
        return XScreen.changedShare(a, b, 0, 0, a.getWidth(), a.getHeight());
    }
}
