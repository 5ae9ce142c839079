package org.predspace.ui.view3d;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.predspace.data.DatasetCatalog;
import org.predspace.session.ExplorerSession;
import org.predspace.session.PictureFrame;
import org.predspace.session.TestRuns;
import org.predspace.ui.ExplorerModel;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When a refresh moves the points already drawn (here: one more run opened, so the InPCA of
 * all points changes), the real view glides them from their old to their new coordinates over
 * a few hundred milliseconds ({@link PointTween}) instead of jumping, and ends exactly where
 * the new frame puts them.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class PointGlideTest {
    private ExplorerModel model;
    private PredictionView view;
    private Path runs;

    @Start
    void start(Stage stage) throws Exception {
        runs = Files.createTempDirectory("predspace-glide");
        model = new ExplorerModel(ExplorerSession.withDefaults(), new DatasetCatalog(), runs.resolve("out"));
        view = new PredictionView(model);
        stage.setScene(new Scene(view, 700, 500));
        stage.show();
    }

    @AfterEach
    void stop() { model.shutdown(); }

    private PictureFrame waitForSettled(int points) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            PictureFrame f = view.drawnFrame();
            return f != null && f.size() == points && f.embedding().exactPoints() == points && view.isSettled();
        });
        WaitForAsyncUtils.waitForFxEvents(5);
        return view.drawnFrame();
    }

    private double[] drawn(int point) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> view.drawnCoordinates(point)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void pointsMovedByARefreshGlideFromTheirOldToTheirNewCoordinates() throws Exception {
        List<Path> three = TestRuns.writeSynthetic(runs, 3, 8);
        Platform.runLater(() -> model.openRuns(three));
        waitForSettled(2 + 24);
        int point = 2 + 7;   // run-0's last checkpoint
        double[] before = drawn(point);

        List<double[]> seen = new CopyOnWriteArrayList<>();
        AnimationTimer sampler = new AnimationTimer() {
            @Override
            public void handle(long now) { seen.add(view.drawnCoordinates(point)); }
        };
        Platform.runLater(sampler::start);
        Path fourth = TestRuns.writeSynthetic(runs, "run-3", TestRuns.PROBE, 5, 8);
        Platform.runLater(() -> model.openRuns(List.of(fourth)));
        PictureFrame after = waitForSettled(2 + 32);
        Platform.runLater(sampler::stop);
        WaitForAsyncUtils.waitForFxEvents(5);

        int[] ax = WaitForAsyncUtils.asyncFx(() -> view.shownAxes(after)).get();
        double[] target = {after.coordinate(point, ax[0]), after.coordinate(point, ax[1]), after.coordinate(point, ax[2])};
        double[] end = drawn(point);
        double move = distance(before, target);
        double range = 0;
        for (int i = 0; i < after.size(); i++) range = Math.max(range, Math.abs(after.coordinate(i, ax[0])));
        assertTrue(move > 0.01 * range, "the fourth run should move run-0's points: " + move + " of " + range);
        for (int d = 0; d < 3; d++) assertEquals(target[d], end[d], 1e-5 * range, "the glide ends where the frame says, axis " + d);

        // on the way: drawn strictly between, on the line from old to new
        int between = 0;
        for (double[] x : seen) {
            double fromOld = distance(before, x), toNew = distance(x, target);
            if (fromOld > 0.05 * move && toNew > 0.05 * move && fromOld + toNew < 1.01 * move) between++;
        }
        assertTrue(between >= 2, "drawn on the way in " + between + " of " + seen.size() + " frames: the points jumped");
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int d = 0; d < 3; d++) s += (a[d] - b[d]) * (a[d] - b[d]);
        return Math.sqrt(s);
    }
}
