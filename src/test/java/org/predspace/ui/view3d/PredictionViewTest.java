package org.predspace.ui.view3d;

import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.predspace.data.DatasetCatalog;
import org.predspace.session.ExplorerSession;
import org.predspace.session.PictureFrame;
import org.predspace.session.PointInfo;
import org.predspace.session.TestRuns;
import org.predspace.ui.Colouring;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.FxWindow;
import org.predspace.ui.RunItem;
import org.predspace.ui.charts.ColourPalette;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The real 3D view in a real window (Xvfb with -Dprism.forceGPU=true in CI): points are drawn
 * where the picture says, hiding a run removes its pixels, and clicking a point selects it.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class PredictionViewTest {
    private ExplorerModel model;
    private PredictionView view;
    private Path runs;

    @Start
    void start(Stage stage) throws Exception {
        runs = Files.createTempDirectory("predspace-view");
        model = new ExplorerModel(ExplorerSession.withDefaults(), new DatasetCatalog(), runs.resolve("out"));
        view = new PredictionView(model);
        model.showTrajectories(false);
        model.colourBy(Colouring.RUN);   // the tests find runs by their own hue
        model.setPointSize(2.0);
        stage.setScene(new Scene(view, 900, 700));
        stage.show();
    }

    @AfterEach
    void stop() { model.shutdown(); }

    private PictureFrame openAndSettle(int count, int checkpoints) throws Exception {
        List<Path> dirs = TestRuns.writeSynthetic(runs, count, checkpoints);
        Platform.runLater(() -> model.openRuns(dirs));
        int expected = 2 + count * checkpoints;
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            PictureFrame f = view.drawnFrame();
            return f != null && f.size() == expected && f.embedding().exactPoints() == expected;
        });
        WaitForAsyncUtils.waitForFxEvents(10);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(view::isSettled).get());   // the scale easing
        WaitForAsyncUtils.waitForFxEvents(5);
        return view.drawnFrame();
    }

    private WritableImage snapshot() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> view.subScene().snapshot(null, null)).get(10, TimeUnit.SECONDS);
    }

    /** Sub-scene pixel position of frame point i. */
    private Point2D pixelOf(int i) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            Point2D screen = view.screenPositionOf(i);
            return screen == null ? null : view.subScene().screenToLocal(screen);
        }).get(10, TimeUnit.SECONDS);
    }

    /** Largest colour distance from the background within 2 px of (x, y). */
    static double contrastNear(PixelReader px, Point2D at, Color background) {
        double best = 0;
        for (int dx = -2; dx <= 2; dx++) {
            for (int dy = -2; dy <= 2; dy++) {
                Color c = px.getColor((int) Math.round(at.getX()) + dx, (int) Math.round(at.getY()) + dy);
                best = Math.max(best, Math.abs(c.getRed() - background.getRed()) + Math.abs(c.getGreen() - background.getGreen())
                        + Math.abs(c.getBlue() - background.getBlue()));
            }
        }
        return best;
    }

    /** The point of {@code run} (null: any run) farthest (on screen) from every other drawn point; at least 4 px clear. */
    private int isolatedPointOf(PictureFrame f, String run) throws Exception {
        Point2D[] at = new Point2D[f.size()];
        for (int i = 0; i < f.size(); i++) at[i] = pixelOf(i);
        int best = -1;
        double bestGap = 4;
        for (int i = 2; i < f.size(); i++) {
            Point2D a = at[i];
            if ((run != null && !f.point(i).run().equals(run)) || a == null || a.getX() < 10 || a.getY() < 10 || a.getX() > 890 || a.getY() > 690) continue;
            double gap = Double.POSITIVE_INFINITY;
            for (int j = 0; j < f.size(); j++) if (j != i && at[j] != null) gap = Math.min(gap, a.distance(at[j]));
            if (gap > bestGap) {
                bestGap = gap;
                best = i;
            }
        }
        return best;
    }

    /** Saturated pixels within 10 degrees of the hue of {@code like}, whatever the shading. */
    static int pixelsOfHue(WritableImage img, Color like) {
        PixelReader px = img.getPixelReader();
        int n = 0;
        for (int y = 0; y < (int) img.getHeight(); y++) {
            for (int x = 0; x < (int) img.getWidth(); x++) {
                Color c = px.getColor(x, y);
                double dh = Math.abs(c.getHue() - like.getHue());
                if (c.getSaturation() > 0.5 && c.getBrightness() > 0.3 && Math.min(dh, 360 - dh) < 10) n++;
            }
        }
        return n;
    }

    /** Mean colour distance from the background over the 3 x 3 pixels centred on (x, y). */
    static double contrastAt(PixelReader px, Point2D at, Color background) {
        double sum = 0;
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                Color c = px.getColor((int) Math.round(at.getX()) + dx, (int) Math.round(at.getY()) + dy);
                sum += Math.abs(c.getRed() - background.getRed()) + Math.abs(c.getGreen() - background.getGreen())
                        + Math.abs(c.getBlue() - background.getBlue());
            }
        }
        return sum / 9;
    }

    @Test
    void theRendererWarmUpDrawsThePaletteMaterialAwayFromTheWindow(FxRobot robot) throws Exception {
        WritableImage img = WaitForAsyncUtils.asyncFx(view::warmUpRenderer).get(10, TimeUnit.SECONDS);
        assertEquals(RendererWarmUp.SIZE, (int) img.getWidth());
        // the face is textured with the palette's first entry (dark violet, hue about 288); an
        // untextured face would be white, a face not drawn the background
        Color first = ColourPalette.sequentialColour(0);
        PixelReader px = img.getPixelReader();
        int violet = 0, grey = 0;
        for (int y = 0; y < (int) img.getHeight(); y++) {
            for (int x = 0; x < (int) img.getWidth(); x++) {
                Color c = px.getColor(x, y);
                double dh = Math.abs(c.getHue() - first.getHue());
                if (c.getSaturation() > 0.5 && Math.min(dh, 360 - dh) < 15) violet++;
                if (c.getSaturation() < 0.1 && c.getBrightness() < 0.7) grey++;
            }
        }
        assertTrue(violet > 40, "palette-coloured pixels: " + violet);
        assertTrue(grey > 10, "the grey anchor specimens are drawn too: " + grey);
        assertTrue(view.rendererWarmedUp());
    }

    @Test
    void pointsAreDrawnWhereThePictureSaysAndHidingARunRemovesThem(FxRobot robot) throws Exception {
        PictureFrame f = openAndSettle(3, 8);
        Color background = (Color) view.subScene().getFill();
        int p = isolatedPointOf(f, null);
        assertTrue(p > 0, "no isolated point to look at");
        Point2D at = pixelOf(p);
        assertTrue(contrastAt(snapshot().getPixelReader(), at, background) > 0.3, "no marker drawn at " + at);
        // a corner of the view is empty
        assertTrue(contrastNear(snapshot().getPixelReader(), new Point2D(5, 690), background) < 0.05);

        // hiding a run removes every pixel of its hue (green: nothing else in the picture is)
        Color green = ColourPalette.CATEGORICAL.get(2);
        RunItem run2 = WaitForAsyncUtils.asyncFx(() -> model.runs().stream().filter(r -> r.colour().equals(green))
                .findFirst().orElseThrow()).get();
        assertTrue(pixelsOfHue(snapshot(), green) > 20, run2.name() + " is not drawn");
        WaitForAsyncUtils.asyncFx(() -> model.showRun(run2, false)).get();
        FxWindow.awaitOnFx(5, () -> pixelsOfHue(view.subScene().snapshot(null, null), green) == 0);
        assertEquals(0, pixelsOfHue(snapshot(), green), "hidden run still drawn");
    }

    @Test
    void clickingAPointSelectsThatCheckpointAndHoverDescribesIt(FxRobot robot) throws Exception {
        PictureFrame f = openAndSettle(3, 8);
        int p = isolatedPointOf(f, null);   // the clearest point of any run: a click there hits it alone
        assertTrue(p > 0);
        PointInfo expected = f.point(p);
        Point2D screen = WaitForAsyncUtils.asyncFx(() -> view.screenPositionOf(p)).get();
        robot.moveTo(screen);
        WaitForAsyncUtils.waitForFxEvents(5);
        assertTrue(robot.lookup(".hover-card").queryLabeled().getText().contains("step " + expected.step()),
                robot.lookup(".hover-card").queryLabeled().getText());
        robot.clickOn(screen);
        WaitForAsyncUtils.waitForFxEvents(5);
        assertNotNull(model.selectedCheckpoint(), "click selected nothing");
        assertEquals(expected.run(), model.selectedCheckpoint().run());
        assertEquals(expected.checkpoint(), model.selectedCheckpoint().checkpoint());
        assertEquals(expected.run(), model.selectedRun().name());
    }

    @Test
    void dimmingFollowsTheSelectedRun(FxRobot robot) throws Exception {
        PictureFrame f = openAndSettle(2, 6);
        Color background = (Color) view.subScene().getFill();
        int p = isolatedPointOf(f, null);
        assertTrue(p > 0);
        String mine = f.point(p).run(), other = mine.equals("run-0") ? "run-1" : "run-0";
        Point2D at = pixelOf(p);
        double bright = contrastAt(snapshot().getPixelReader(), at, background);
        WaitForAsyncUtils.asyncFx(() -> model.selectRun(model.run(other))).get();
        FxWindow.awaitOnFx(5, () -> contrastAt(view.subScene().snapshot(null, null).getPixelReader(), at, background) < 0.6 * bright);
        double dimmed = contrastAt(snapshot().getPixelReader(), at, background);
        assertTrue(dimmed < 0.6 * bright, mine + " not dimmed when " + other + " is selected: " + bright + " -> " + dimmed);
    }
}
