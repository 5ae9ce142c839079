package org.predspace.ui.view3d;

import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.predspace.session.CheckpointRef;
import org.predspace.session.PictureFrame;
import org.predspace.session.PointInfo;
import org.predspace.session.TestRuns;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.FxWindow;
import org.predspace.ui.MainWindow;
import org.predspace.ui.TestWindow;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Picking in the real main window at the default point size, where a marker is a few pixels
 * wide: a click or hover 6 px from a point means that point, 20 px from every point means
 * none, and the selected point is drawn larger inside a ring that reads on both themes.
 */
@Tag("ui")
class PointPickingTest {
    private ExplorerModel model;
    private MainWindow window;
    private PredictionView view;
    @RegisterExtension
    final FxWindow fx = new FxWindow(shown -> {
        model = shown.model();
        window = shown.window();
        view = window.view();
    });

    private PictureFrame open() throws Exception {
        List<Path> dirs = TestRuns.writeSynthetic(fx.tmp(), 3, 8);
        Platform.runLater(() -> model.openRuns(dirs));
        return TestWindow.waitForDrawn(window, 2 + 3 * 8);
    }

    private static <T> T fx(Callable<T> read) throws Exception { return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS); }

    /** Every point's position in the view's own coordinates (anchors included), in the order of {@code f}, the frame drawn. */
    private Point2D[] positions(PictureFrame f) throws Exception {
        Point2D[] at = TestWindow.drawnPositions(window).toArray(Point2D[]::new);
        assertEquals(f.size(), at.length, "the view still draws the frame the positions are for");
        return at;
    }

    private Point2D toScreen(Point2D local) throws Exception { return fx(() -> view.localToScreen(local)); }

    /** A checkpoint at least 20 px clear of every other point and 30 px inside the view: 6 px off it, nothing else is near. */
    private int clearPoint(Point2D[] at) throws Exception {
        double w = fx(view::getWidth), h = fx(view::getHeight);
        int best = -1;
        double bestGap = 20;
        for (int i = 2; i < at.length; i++) {
            Point2D a = at[i];
            if (a.getX() < 30 || a.getY() < 30 || a.getX() > w - 30 || a.getY() > h - 30) continue;
            double gap = Double.POSITIVE_INFINITY;
            for (int j = 0; j < at.length; j++) if (j != i) gap = Math.min(gap, a.distance(at[j]));
            if (gap > bestGap) {
                bestGap = gap;
                best = i;
            }
        }
        assertTrue(best >= 2, "no checkpoint 20 px clear of the others to aim beside");
        return best;
    }

    /** 6 px from point p, on the side away from its nearest neighbour. */
    private static Point2D sixPixelsOff(Point2D[] at, int p) {
        int nearest = -1;
        for (int j = 0; j < at.length; j++) {
            if (j != p && (nearest < 0 || at[p].distance(at[j]) < at[p].distance(at[nearest]))) nearest = j;
        }
        Point2D away = at[p].subtract(at[nearest]).normalize();
        return at[p].add(away.multiply(6));
    }

    /** A spot in the view between 20 and 26 px from the nearest checkpoint, and 30 px from the anchors' spheres. */
    private Point2D emptySpot(Point2D[] at) throws Exception {
        double w = fx(view::getWidth), h = fx(view::getHeight);
        for (double y = 40; y < h - 40; y += 2) {
            for (double x = 40; x < w - 40; x += 2) {
                Point2D s = new Point2D(x, y);
                double nearest = Double.POSITIVE_INFINITY;
                for (int j = 2; j < at.length; j++) nearest = Math.min(nearest, s.distance(at[j]));
                if (nearest >= 20 && nearest <= 26 && s.distance(at[0]) > 30 && s.distance(at[1]) > 30) return s;
            }
        }
        fail("no spot 20-26 px from the picture's points");
        return null;
    }

    private static void assertSelected(PointInfo expected, CheckpointRef selected) {
        assertNotNull(selected, "nothing selected");
        assertEquals(expected.run(), selected.run());
        assertEquals(expected.checkpoint(), selected.checkpoint());
        assertEquals(expected.step(), selected.step());
    }

    @Test
    void aClickSixPixelsFromAPointSelectsItAndTwentyPixelsFromEveryPointSelectsNothing(FxRobot robot) throws Exception {
        PictureFrame f = open();
        Point2D[] at = positions(f);
        Point2D empty = emptySpot(at);
        robot.clickOn(toScreen(empty));
        WaitForAsyncUtils.waitForFxEvents(5);
        assertNull(fx(model::selectedCheckpoint), "a click 20 px from every point selected one");

        int p = clearPoint(at);
        robot.clickOn(toScreen(sixPixelsOff(at, p)));
        WaitForAsyncUtils.waitForFxEvents(5);
        assertSelected(f.point(p), fx(model::selectedCheckpoint));
        assertEquals(f.point(p).run(), fx(() -> model.selectedRun().name()));

        // with a point selected, a click on empty space leaves the selection alone
        robot.clickOn(toScreen(empty));
        WaitForAsyncUtils.waitForFxEvents(5);
        assertSelected(f.point(p), fx(model::selectedCheckpoint));
    }

    @Test
    void aDragThatEndsBesideAPointRotatesAndSelectsNothing(FxRobot robot) throws Exception {
        PictureFrame f = open();
        Point2D[] at = positions(f);
        int p = clearPoint(at);
        Point2D target = toScreen(sixPixelsOff(at, p));
        double yaw = fx(() -> view.pose().yaw());
        robot.moveTo(target.add(-12, 0));
        robot.press(MouseButton.PRIMARY);
        for (int k = 1; k <= 12; k++) robot.moveTo(target.add(-12 + k, 0));   // one pixel at a time
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents(5);
        assertNotEquals(yaw, fx(() -> view.pose().yaw()), "the drag rotated the view");
        assertNull(fx(model::selectedCheckpoint), "a drag is not a click");
    }

    @Test
    void hoveringSixPixelsOffAPointShowsItsCardAndAwayFromEveryPointHidesIt(FxRobot robot) throws Exception {
        PictureFrame f = open();
        Point2D[] at = positions(f);
        int p = clearPoint(at);
        PointInfo expected = f.point(p);
        robot.moveTo(toScreen(sixPixelsOff(at, p)));
        WaitForAsyncUtils.waitForFxEvents(5);
        var card = robot.lookup(".hover-card").queryLabeled();
        assertTrue(fx(card::isVisible), "no hover card 6 px from a point");
        String text = fx(card::getText);
        List<String> lines = List.of(text.split("\\R"));
        assertEquals(expected.run(), lines.get(0), text);
        assertEquals("step " + expected.step(), lines.get(1), text);

        robot.moveTo(toScreen(emptySpot(at)));
        WaitForAsyncUtils.waitForFxEvents(5);
        assertFalse(fx(card::isVisible), "the card stays 20 px from every point");
    }

    @Test
    void theSelectedPointIsDrawnLargerInsideARingOnTheLightAndTheDarkTheme(FxRobot robot) throws Exception {
        PictureFrame f = open();
        Point2D[] at = positions(f);
        int p = clearPoint(at);
        Color light = fx(() -> (Color) view.subScene().getFill());
        double before = markedPixels(snapshot(), at[p], light);
        assertFalse(fx(view::haloShown));

        PointInfo chosen = f.point(p);
        fx(() -> {
            model.selectCheckpoint(new CheckpointRef(chosen.run(), chosen.checkpoint(), chosen.step()));
            return null;
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(view::haloShown));
        WaitForAsyncUtils.waitForFxEvents(5);
        Point2D centre = fx(view::haloCentre);
        assertTrue(centre.distance(at[p]) < 1, "the ring is centred on the point: " + centre + " against " + at[p]);
        double after = markedPixels(snapshot(), at[p], light);
        assertTrue(after > 2.5 * before, "the selected marker is drawn larger: " + before + " -> " + after + " pixels");
        double r = fx(() -> view.haloRadius());
        assertTrue(ringShare(snapshot(), at[p], r, c -> c.getBrightness() < 0.3) > 0.8, "a dark ring on the light theme");

        fx(() -> {
            model.useDarkTheme(true);
            return null;
        });
        FxWindow.awaitOnFx(5, () -> view.haloShown() && ringShare(view.snapshot(null, null), at[p], r,
                c -> c.getBrightness() > 0.85 && c.getSaturation() < 0.1) > 0.8);
        assertTrue(fx(view::haloShown));
        assertTrue(ringShare(snapshot(), at[p], r, c -> c.getBrightness() > 0.85 && c.getSaturation() < 0.1) > 0.8,
                "a white ring on the dark theme");

        fx(() -> {
            model.clearSelection();
            return null;
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !fx(view::haloShown));
    }

    private WritableImage snapshot() throws Exception { return fx(() -> view.snapshot(null, null)); }

    /** Pixels within 6 px of {@code c} that differ clearly from the background: the marker, not the ring (9 px out or more). */
    private static double markedPixels(WritableImage img, Point2D c, Color background) {
        PixelReader px = img.getPixelReader();
        int n = 0;
        for (int dy = -6; dy <= 6; dy++) {
            for (int dx = -6; dx <= 6; dx++) {
                if (dx * dx + dy * dy > 36) continue;
                Color k = px.getColor((int) Math.round(c.getX()) + dx, (int) Math.round(c.getY()) + dy);
                double d = Math.abs(k.getRed() - background.getRed()) + Math.abs(k.getGreen() - background.getGreen())
                        + Math.abs(k.getBlue() - background.getBlue());
                if (d > 0.3) n++;
            }
        }
        return n;
    }

    /** The share of 32 spots around the circle of radius r about c whose colour passes {@code test}. */
    private static double ringShare(WritableImage img, Point2D c, double r, Predicate<Color> test) {
        PixelReader px = img.getPixelReader();
        int hits = 0;
        for (int k = 0; k < 32; k++) {
            double a = 2 * Math.PI * k / 32;
            Color col = px.getColor((int) Math.round(c.getX() + r * Math.cos(a)), (int) Math.round(c.getY() + r * Math.sin(a)));
            if (test.test(col)) hits++;
        }
        return hits / 32.0;
    }
}
