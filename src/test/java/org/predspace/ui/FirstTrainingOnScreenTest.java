package org.predspace.ui;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.robot.Robot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.predspace.session.PictureFrame;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A first start as a new user has it: the main window with no runs, a notification that the
 * sample folder holds none, then "Train a demo sweep" clicked. The checkpoints must appear on
 * the X screen, read back from the X server (not a snapshot of the scene, which would show what
 * JavaFX drew even when it never reached the window). Under Xvfb with Mesa's llvmpipe this is
 * where the window once froze for good (GlxDrawablePin). Waits for the first checkpoints only.
 */
@Tag("ui")
class FirstTrainingOnScreenTest {
    /** Checkpoints (besides the two anchors) drawn before the screen is read. */
    private static final int CHECKPOINTS = 4;

    private ExplorerModel model;
    private MainWindow window;
    @RegisterExtension
    final FxWindow fx = new FxWindow(shown -> { model = shown.model(); window = shown.window(); });

    @Test
    void theDemoSweepsFirstCheckpointsReachTheScreenOfAnEmptyWindow(FxRobot robot) throws Exception {
        // as the app does when its sample folder holds no run: a warning, drawn in a popup
        Path noSamples = Files.createDirectory(fx.tmp().resolve("no-samples"));
        WaitForAsyncUtils.asyncFx(() -> model.openFolders(List.of(noSamples))).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup(".notification-bar").queryAll().isEmpty());
        Thread.sleep(500);   // the notification fades in, drawn over a few frames

        robot.clickOn("#demo-sweep");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> {
            PictureFrame f = window.view().drawnFrame();
            return f != null && f.size() >= 2 + CHECKPOINTS;
        });

        // checkpoints keep arriving and move the picture: read the screen until it shows the frame drawn
        int seen = 0, drawn = 0;
        for (long end = System.nanoTime() + 20_000_000_000L; System.nanoTime() < end; Thread.sleep(250)) {
            int[] s = WaitForAsyncUtils.asyncFx(this::checkpointsOnScreen).get(10, TimeUnit.SECONDS);
            seen = s[0];
            drawn = s[1];
            if (drawn >= CHECKPOINTS && 2 * seen >= drawn) break;
        }
        assertTrue(drawn >= CHECKPOINTS && 2 * seen >= drawn,
                "the X screen shows " + seen + " of the " + drawn + " checkpoints the window drew");
    }

    /**
     * Of the checkpoints drawn now, how many have a run-coloured pixel within 4 px of where the
     * view puts them on the X screen: {seen, drawn}. Run colours are saturated; the view's
     * background, the anchors, the axes and the empty card (its button included) are not.
     */
    private int[] checkpointsOnScreen() {
        PictureFrame f = window.view().drawnFrame();
        Bounds area = window.view().localToScreen(window.view().getLayoutBounds());
        WritableImage screen = new Robot().getScreenCapture(null, area.getMinX(), area.getMinY(), area.getWidth(),
                area.getHeight(), false);
        PixelReader px = screen.getPixelReader();
        int seen = 0, drawn = 0;
        for (int i = 2; i < f.size(); i++) {
            Point2D at = window.view().screenPositionOf(i);
            if (at == null || !area.contains(at)) continue;
            drawn++;
            int cx = (int) (at.getX() - area.getMinX()), cy = (int) (at.getY() - area.getMinY());
            search:
            for (int dy = -4; dy <= 4; dy++) {
                for (int dx = -4; dx <= 4; dx++) {
                    int x = cx + dx, y = cy + dy;
                    if (x < 0 || y < 0 || x >= screen.getWidth() || y >= screen.getHeight()) continue;
                    if (saturation(px.getColor(x, y)) > 0.4) {
                        seen++;
                        break search;
                    }
                }
            }
        }
        return new int[] {seen, drawn};
    }

    private static double saturation(Color c) {
        double max = Math.max(c.getRed(), Math.max(c.getGreen(), c.getBlue()));
        double min = Math.min(c.getRed(), Math.min(c.getGreen(), c.getBlue()));
        return max - min;
    }
}
