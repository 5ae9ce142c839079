package org.predspace.ui;

import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.predspace.runs.Checkpoint;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.ProbeInfo;
import org.predspace.runs.RunStatus;
import org.predspace.runs.RunWriter;
import org.predspace.session.LearningRule;
import org.predspace.session.PictureFrame;
import org.predspace.session.TestRuns;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The real window on five runs that learned, one that stalled in a wrong corner (final train
 * error 0.7) and one that diverged (three checkpoints, the last far beyond everything else):
 * the camera frames the runs, not the far point; the two others are marked in the table, grey in
 * the picture with the rule in the legend, explained in Details; the threshold dialog refuses bad
 * input; Ctrl+L hides them from the picture and from its framing.
 */
@Tag("ui")
class NotLearnedRunsTest {
    private static final int CHECKPOINTS = 20, LEARNED = 5;
    private static final int POINTS = 2 + LEARNED * CHECKPOINTS + CHECKPOINTS + 3;
    private ExplorerModel model;
    private MainWindow window;
    @RegisterExtension
    final FxWindow fx = new FxWindow(shown -> {
        model = shown.model();
        window = shown.window();
        model.colourBy(Colouring.RUN);   // every run its own hue: grey is the mark alone
        model.showTrajectories(false);
        model.setPointSize(2.0);
    });

    /** Predictions at strength k towards class (label + shift) mod C, with a run-specific tilt. */
    private static float[] towardsWrong(double k, int shift, int tilt) {
        int[] labels = TestRuns.labels();
        float[] p = new float[TestRuns.N * TestRuns.C];
        for (int i = 0; i < TestRuns.N; i++) {
            double[] row = new double[TestRuns.C];
            double sum = 0;
            for (int c = 0; c < TestRuns.C; c++) {
                row[c] = Math.exp(k * (c == (labels[i] + shift) % TestRuns.C ? 1 : 0) + 0.2 * tilt * (c == i % 2 ? 1 : 0));
                sum += row[c];
            }
            for (int c = 0; c < TestRuns.C; c++) p[i * TestRuns.C + c] = (float) (row[c] / sum);
        }
        return p;
    }

    private static Path write(Path parent, String name, RunStatus status, double[] strength, double[] loss, double[] accuracy)
            throws IOException {
        Path dir = parent.resolve(name);
        Map<String, Object> spec = Map.of("dataset", "synthetic", "architecture", "mlp", "optimizer", "sgd",
                "learning_rate", 1.0, "batch_size", 32, "seed", 9);
        try (RunWriter w = RunWriter.create(dir, name, TestRuns.C, new ProbeInfo(TestRuns.PROBE, TestRuns.N, "train"), spec,
                TestRuns.labels(), TestRuns.labels())) {
            for (int k = 0; k < strength.length; k++) {
                CheckpointMetrics m = new CheckpointMetrics(10L * k, k, loss[k], accuracy[k], Double.NaN, Double.NaN);
                float[] p = towardsWrong(strength[k], name.startsWith("stalled") ? 2 : 1, name.startsWith("stalled") ? 1 : 0);
                w.append(new Checkpoint(m, p, p, null));
            }
            w.finish(status, Map.of());
        }
        return dir;
    }

    private List<Path> writeRuns() throws IOException {
        List<Path> dirs = new ArrayList<>(TestRuns.writeSynthetic(fx.tmp(), LEARNED, CHECKPOINTS));
        double[] strength = new double[CHECKPOINTS], loss = new double[CHECKPOINTS], accuracy = new double[CHECKPOINTS];
        for (int k = 0; k < CHECKPOINTS; k++) {
            strength[k] = 3.0 * k / (CHECKPOINTS - 1);
            loss[k] = 1.1 + 0.02 * k;
            accuracy[k] = 0.3;
        }
        dirs.add(write(fx.tmp(), "stalled", RunStatus.FINISHED, strength, loss, accuracy));
        dirs.add(write(fx.tmp(), "diverges", RunStatus.DIVERGED, new double[] {0, 3, 25}, new double[] {1.1, 3, 25},
                new double[] {0.33, 0.3, 0.3}));
        return dirs;
    }

    private Point2D[] pixels(PictureFrame f) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            Point2D[] at = new Point2D[f.size()];
            for (int i = 0; i < f.size(); i++) {
                Point2D screen = window.view().screenPositionOf(i);
                at[i] = screen == null ? null : window.view().subScene().screenToLocal(screen);
            }
            return at;
        }).get(10, TimeUnit.SECONDS);
    }

    /** The on-screen box around the points of the runs that learned: min x, min y, max x, max y. */
    private double[] learnedBox(PictureFrame f) throws Exception {
        Point2D[] at = pixels(f);
        double[] box = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 2; i < f.size(); i++) {
            if (!f.point(i).run().startsWith("run-")) continue;
            box[0] = Math.min(box[0], at[i].getX());
            box[1] = Math.min(box[1], at[i].getY());
            box[2] = Math.max(box[2], at[i].getX());
            box[3] = Math.max(box[3], at[i].getY());
        }
        return box;
    }

    /** The larger side of {@link #learnedBox}. */
    private double learnedSpan(PictureFrame f) throws Exception {
        double[] b = learnedBox(f);
        return Math.max(b[2] - b[0], b[3] - b[1]);
    }

    private double narrowerSide() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> Math.min(window.view().getWidth(), window.view().getHeight())).get();
    }

    private int indexOf(PictureFrame f, String run, int checkpoint) {
        for (int i = 0; i < f.size(); i++) {
            if (f.point(i).run().equals(run) && f.point(i).checkpoint() == checkpoint) return i;
        }
        throw new AssertionError(run + " checkpoint " + checkpoint + " not in the picture");
    }

    private static TableCell<?, ?> learnedCell(FxRobot robot, RunItem item) {
        TableRow<?> row = robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() == item).findFirst().orElseThrow();
        return row.lookupAll(".table-cell").stream().map(n -> (TableCell<?, ?>) n)
                .filter(c -> c.getTableColumn() != null && "run-column-learned".equals(c.getTableColumn().getId()))
                .findFirst().orElseThrow();
    }

    /** The most saturated pixel within 2 px of the marker at {@code at}, among those unlike the background. */
    private static double saturationAt(WritableImage img, Point2D at) {
        PixelReader px = img.getPixelReader();
        Color background = Color.web("#FAFAFA");
        double best = -1;
        for (int dx = -2; dx <= 2; dx++) {
            for (int dy = -2; dy <= 2; dy++) {
                Color c = px.getColor((int) Math.round(at.getX()) + dx, (int) Math.round(at.getY()) + dy);
                double contrast = Math.abs(c.getRed() - background.getRed()) + Math.abs(c.getGreen() - background.getGreen())
                        + Math.abs(c.getBlue() - background.getBlue());
                if (contrast > 0.25) best = Math.max(best, c.getSaturation());
            }
        }
        return best;
    }

    private static void waitFor(Callable<Boolean> condition, Supplier<String> state) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            fail("timed out: " + state.get());
        }
    }

    @Test
    void runsThatDidNotLearnAreMarkedFramedOutAndHiddenByOneToggle(FxRobot robot) throws Exception {
        List<Path> dirs = writeRuns();
        robot.interact(() -> model.openRuns(dirs));
        PictureFrame f = TestWindow.waitForDrawn(window, POINTS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.view().isSettled());

        // framing: the learned runs fill the view; the diverged run's last point is beyond them, still drawn
        double side = narrowerSide();
        double span = learnedSpan(f);
        // here the stalled run is part of the bulk, and the default pose sees the runs' long side
        // obliquely: about 30% of the narrower side; fitted to the largest |coordinate| (the
        // diverged run's last point, or truth) it was under 10%
        assertTrue(span > 0.22 * side, "the runs fill " + span + " px of a " + side + " px view");
        Point2D far = pixels(f)[indexOf(f, "diverges", 2)];
        double[] box = learnedBox(f);
        double beyond = Math.max(Math.max(box[0] - far.getX(), far.getX() - box[2]), Math.max(box[1] - far.getY(), far.getY() - box[3]));
        assertTrue(beyond > 0.5 * span, "the far point lies well beyond the framed runs: " + far + " " + Arrays.toString(box));
        assertEquals(POINTS - 2, window.view().drawnMarkers(), "every point is drawn, the far one too");
        robot.interact(() -> window.view().setPose(new CameraPose(CameraPose.DEFAULT.pitch(), CameraPose.DEFAULT.yaw(), 0, 0,
                CameraPose.MAX_DISTANCE)));
        WaitForAsyncUtils.waitForFxEvents(5);
        Point2D farOut = pixels(f)[indexOf(f, "diverges", 2)];
        double width = window.view().getWidth(), height = window.view().getHeight();
        assertTrue(farOut.getX() > 0 && farOut.getY() > 0 && farOut.getX() < width && farOut.getY() < height,
                "zoomed out, the far point is in view: " + farOut);
        assertTrue(window.view().subScene().getCamera().getFarClip() > CameraPose.MAX_DISTANCE + span,
                "the far plane is beyond the farthest camera");
        robot.interact(() -> window.view().resetView());
        WaitForAsyncUtils.waitForFxEvents(5);

        // marking: the table, the legend, the picture, Details
        RunItem stalled = model.run("stalled"), diverges = model.run("diverges"), learned = model.run("run-0");
        assertEquals("✗ no", learnedCell(robot, stalled).getText());
        assertEquals("did not learn: final train error 0.70 ≥ 0.10", learnedCell(robot, stalled).getTooltip().getText());
        assertEquals("✗ diverged", learnedCell(robot, diverges).getText());
        assertEquals("yes", learnedCell(robot, learned).getText());
        assertEquals("grey: did not learn (train error ≥ 0.10) or diverged", window.view().legendNote());
        WritableImage shot = WaitForAsyncUtils.asyncFx(() -> window.view().subScene().snapshot(null, null)).get(10, TimeUnit.SECONDS);
        Point2D[] at = pixels(f);
        Point2D stalledEnd = at[indexOf(f, "stalled", CHECKPOINTS - 1)];
        Point2D learnedEnd = at[indexOf(f, "run-0", CHECKPOINTS - 1)];
        assertTrue(saturationAt(shot, learnedEnd) > 0.4, "a run that learned keeps its hue");
        double grey = saturationAt(shot, stalledEnd);
        assertTrue(grey >= 0 && grey < 0.1, "the stalled run's last point is grey, saturation " + grey);

        robot.interact(() -> {
            window.panels().getSelectionModel().select(
                    window.panels().getTabs().stream().filter(t -> t.getText().equals("Details")).findFirst().orElseThrow());
            model.selectRun(stalled);
        });
        assertEquals("did not learn: final train error 0.70 ≥ 0.10", robot.lookup("#details-learning").queryAs(Label.class).getText());
        robot.interact(() -> model.selectRun(learned));
        assertFalse(robot.lookup("#details-learning").queryAs(Label.class).isVisible(), "a run that learned needs no line");
        robot.interact(() -> model.selectRun(diverges));
        assertEquals("diverged: train loss 25 at step 20, 22.7 times its start 1.10",
                robot.lookup("#details-learning").queryAs(Label.class).getText());
        robot.interact(model::clearSelection);

        // the threshold: bad input is named and refused, a good one applies everywhere
        robot.clickOn("View").clickOn("Did-not-learn threshold…");
        TextField field = robot.lookup("#learn-threshold").queryAs(TextField.class);
        robot.interact(() -> field.setText("1.5"));
        assertTrue(robot.lookup("#learn-threshold-problem").queryAs(Label.class).getText().contains("(0, 1]"));
        Button ok = (Button) ((DialogPane) field.getScene().getRoot())
                .lookupButton(ButtonType.OK);
        assertTrue(ok.isDisabled(), "OK refuses a threshold above 1");
        robot.interact(() -> field.setText("0.8"));
        assertFalse(ok.isDisabled());
        robot.clickOn(ok);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0.8, model.learningRuleProperty().get().threshold());
        assertEquals("yes", learnedCell(robot, stalled).getText(), "error 0.70 is under 0.80");
        assertEquals("✗ diverged", learnedCell(robot, diverges).getText());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> window.view().legendNote().equals("grey: did not learn (train error ≥ 0.80) or diverged"));
        robot.interact(() -> model.setLearningRule(LearningRule.DEFAULT));

        // one toggle hides both from the picture and from its framing; the legend says how many
        robot.interact(() -> window.stage().requestFocus());
        robot.press(KeyCode.CONTROL).press(KeyCode.L).release(KeyCode.L).release(KeyCode.CONTROL);
        assertTrue(model.notLearnedHiddenProperty().get(), "Ctrl+L hides runs that did not learn");
        waitFor(() -> window.view().drawnMarkers() == LEARNED * CHECKPOINTS && window.view().isSettled(),
                () -> "markers " + window.view().drawnMarkers() + ", settled " + window.view().isSettled());
        assertEquals("grey: did not learn (train error ≥ 0.10) or diverged · 2 hidden", window.view().legendNote());
        double hiddenSpan = learnedSpan(f);
        assertTrue(hiddenSpan > 1.2 * span, "without the stalled run the frame closes on the others: " + span + " -> " + hiddenSpan);
        robot.press(KeyCode.CONTROL).press(KeyCode.L).release(KeyCode.L).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.view().drawnMarkers() == POINTS - 2);
        assertFalse(model.notLearnedHiddenProperty().get());
    }
}
