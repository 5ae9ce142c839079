package org.predspace.ui;

import javafx.geometry.Point2D;
import javafx.stage.Stage;
import org.predspace.data.DatasetCatalog;
import org.predspace.session.ExplorerSession;
import org.predspace.session.PictureFrame;
import org.predspace.ui.view3d.PredictionView;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A main window as the app builds it, 1500 x 950, with runs trained into {@code tmp/trained}; for UI tests. */
public record TestWindow(ExplorerModel model, MainWindow window) {
    public static TestWindow show(Stage stage, Path tmp) {
        ExplorerModel model = new ExplorerModel(ExplorerSession.withDefaults(), new DatasetCatalog(), tmp.resolve("trained"));
        MainWindow window = ExplorerWindows.build(stage, model);
        stage.setWidth(1500);
        stage.setHeight(950);
        stage.show();
        return new TestWindow(model, window);
    }

    /**
     * As {@link #show}, called from a test thread rather than from @Start: on a loaded machine
     * building the window can take longer than TestFX's setup timeout.
     */
    public static TestWindow showFromTest(Stage stage, Path tmp) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> show(stage, tmp)).get(3, TimeUnit.MINUTES);
    }

    /** Waits until {@code window} draws {@code points} points, all in an exact eigenbasis, and the view settles. */
    public static PictureFrame waitForDrawn(MainWindow window, int points) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            PictureFrame f = window.view().drawnFrame();
            return f != null && f.size() == points && f.embedding().exactPoints() == points;
        });
        // the scale eases to the new frame over a few pulses
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> window.view().isSettled()).get());
        // and the window's own layout (its size, the split's dividers) may still move the picture in
        // the view after the scale settled: wait until every point stays where it is for 100 ms
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            List<Point2D> before = drawnPositions(window);
            Thread.sleep(100);
            WaitForAsyncUtils.waitForFxEvents(3);
            return before.equals(drawnPositions(window));
        });
        return window.view().drawnFrame();
    }

    /** Where the view draws each point of its frame, in its own coordinates (null for a point it does not place). */
    public static List<Point2D> drawnPositions(MainWindow window) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            PredictionView view = window.view();
            List<Point2D> at = new ArrayList<>();
            PictureFrame f = view.drawnFrame();
            for (int i = 0; f != null && i < f.size(); i++) {
                Point2D screen = view.screenPositionOf(i);
                at.add(screen == null ? null : view.screenToLocal(screen));
            }
            return at;
        }).get(10, TimeUnit.SECONDS);
    }
}
