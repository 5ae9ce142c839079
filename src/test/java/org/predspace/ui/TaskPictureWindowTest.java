package org.predspace.ui;

import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.predspace.session.CheckpointRef;
import org.predspace.session.ExplorerSession;
import org.predspace.session.PictureFrame;
import org.predspace.session.TestRuns;
import org.predspace.ui.charts.MarkedLineChart;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The task picture in the window: runs of three tasks (the full problem, a preset, a fine-tuned
 * run on a third task) open together; the view bar switches to the imprinted picture, which
 * draws all of them coloured by task with a connector from the parent's checkpoint to the
 * fine-tuned run, and the hover card says where that run came from.
 */
@Tag("ui")
class TaskPictureWindowTest {
    private ExplorerModel model;
    private MainWindow window;
    @RegisterExtension
    final FxWindow fx = new FxWindow(shown -> { model = shown.model(); window = shown.window(); });

    /** Whether some pixel is within 24 of {@code c} in every channel. */
    private static boolean shows(BufferedImage img, Color c) {
        int r = (int) Math.round(255 * c.getRed()), g = (int) Math.round(255 * c.getGreen()), b = (int) Math.round(255 * c.getBlue());
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if (Math.abs(((p >> 16) & 255) - r) <= 24 && Math.abs(((p >> 8) & 255) - g) <= 24 && Math.abs((p & 255) - b) <= 24) return true;
            }
        }
        return false;
    }

    @Test
    void theImprintedPictureDrawsEveryTaskColouredByTaskWithTheFineTunedRunContinuingItsParent(FxRobot robot) throws Exception {
        Path full = TestRuns.writeTask(fx.tmp(), "full", "head-all", TestRuns.SHARED_PROBE, 1, 5, 0, 1, Map.of());
        Path preset = TestRuns.writeTask(fx.tmp(), "first-two", "head-classes:0,1", TestRuns.SHARED_PROBE, 4, 5, 0, 0.8,
                Map.of("task", "classes:0,1", "task_preset", "zero-one"));
        Path child = TestRuns.writeTask(fx.tmp(), "child", "head-classes:1,2", TestRuns.SHARED_PROBE, 1, 4, 0.5, 1,
                Map.of("task", "classes:1,2", "init_from", full.toString(), "init_from_step", 20));
        Path fullAgain = TestRuns.writeTask(fx.tmp(), "full-again", "head-all", TestRuns.SHARED_PROBE, 3, 5, 0, 0.9, Map.of());
        Platform.runLater(() -> model.openRuns(List.of(full, preset, child, fullAgain)));
        // the training-probe picture is the first run's task: the others are on probes of their own
        TestWindow.waitForDrawn(window, 2 + 5 + 5);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> window.statusText()).get()
                .startsWith("Training-probe picture: 10 checkpoints of 2 runs (2 open runs are not in it)"));

        robot.clickOn("#probe-imprinted");
        WaitForAsyncUtils.waitForFxEvents(5);
        assertEquals(ExplorerSession.Probe.IMPRINTED, model.probeProperty().get());
        PictureFrame f = TestWindow.waitForDrawn(window, 2 + 5 + 5 + 4 + 5);
        WaitForAsyncUtils.asyncFx(() -> model.colourBy(Colouring.TASK)).get();
        WaitForAsyncUtils.waitForFxEvents(10);
        Thread.sleep(300);

        // one colour per task, the same within a task
        Map<String, Color> byRun = new HashMap<>();
        for (int i = 2; i < f.size(); i++) {
            int k = i;
            Color c = WaitForAsyncUtils.asyncFx(() -> window.view().pointColour(k)).get();
            assertNotNull(c, "point " + i + " is drawn");
            Color before = byRun.putIfAbsent(f.point(i).run(), c);
            if (before != null) assertEquals(before, c, f.point(i).run() + " has one colour");
        }
        assertEquals(3, new HashSet<>(byRun.values()).size(), "three tasks, three colours: " + byRun);
        assertEquals(byRun.get("full"), byRun.get("full-again"), "two runs of the full task share its colour");
        Set<String> legend = new HashSet<>();
        for (Label l : robot.lookup(".legend-entry").queryAllAs(Label.class)) legend.add(l.getText());
        assertTrue(legend.containsAll(Set.of("all", "zero-one", "classes:1,2")), "legend names the tasks: " + legend);
        assertEquals(1, WaitForAsyncUtils.asyncFx(() -> window.view().drawnConnectors()).get().longValue(),
                "the fine-tuned run is joined to its parent's checkpoint");

        // on the X screen: every task's colour is on the view (lit markers: near it, not equal)
        Path shot = Path.of("target", "task-picture.png");
        Bounds area = WaitForAsyncUtils.asyncFx(() -> window.view().localToScreen(window.view().getBoundsInLocal())).get();
        BufferedImage screenShot = XScreen.capture(area, shot);
        for (Map.Entry<String, Color> e : byRun.entrySet()) {
            assertTrue(shows(screenShot, e.getValue()), e.getKey() + "'s colour " + e.getValue() + " is not on the screen (see " + shot + ")");
        }

        // the hover card over a point of the fine-tuned run off its parent's (its first and last lie on the parent's)
        int found = -1;
        for (int i = 0; i < f.size(); i++) if (f.point(i).run().equals("child") && f.point(i).checkpoint() == 2) found = i;
        int at = found;
        Point2D screen = WaitForAsyncUtils.asyncFx(() -> window.view().screenPositionOf(at)).get();
        robot.moveTo(screen);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(".hover-card").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.isVisible() && l.getText().startsWith("child")));
        String card = robot.lookup(".hover-card").queryAllAs(Label.class).stream().filter(Label::isVisible).findFirst()
                .orElseThrow().getText();
        assertTrue(card.contains("fine-tuned from full at step 20"), card);
        assertTrue(card.contains("imprinted accuracy") && card.contains("progress on the full task"), card);

        // the curves continue the parent's: the child's step 10 is drawn at the parent's step 20 + 10
        WaitForAsyncUtils.asyncFx(() -> model.selectCheckpoint(new CheckpointRef("child", 1, 10))).get();
        MarkedLineChart loss = robot.lookup("#loss-chart").queryAs(MarkedLineChart.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> loss.markerXProperty().get() != null);
        assertEquals(Math.log10(20 + 10 + 1.0), loss.markerXProperty().get().doubleValue(), 1e-9);
        assertEquals("step 10 after the parent's 20", loss.markerTextProperty().get());
    }

    /** Runs the imprinted picture leaves out are told of when it is shown, not while another picture is. */
    @Test
    void runsLeftOutOfTheImprintedPictureAreToldOfWhenItIsShown(FxRobot robot) throws Exception {
        Path full = TestRuns.writeTask(fx.tmp(), "full", "head-all", TestRuns.SHARED_PROBE, 1, 5, 0, 1, Map.of());
        Path plain = TestRuns.writeTask(fx.tmp(), "plain", "head-all", null, 2, 5, 0, 1, Map.of());
        Platform.runLater(() -> model.openRuns(List.of(full, plain)));
        TestWindow.waitForDrawn(window, 2 + 5 + 5);
        WaitForAsyncUtils.waitForFxEvents(5);
        assertTrue(WaitForAsyncUtils.asyncFx(() -> List.copyOf(model.problems())).get().isEmpty(),
                "the training-probe picture holds both runs: nothing to tell");
        // hidden (a chapter of task runs hides the others), it is not named: a lecture is not interrupted
        WaitForAsyncUtils.asyncFx(() -> model.showRun(model.run("plain"), false)).get();
        robot.clickOn("#probe-imprinted");
        WaitForAsyncUtils.waitForFxEvents(5);
        assertTrue(WaitForAsyncUtils.asyncFx(() -> List.copyOf(model.problems())).get().isEmpty());
        // shown, it is named once the imprinted picture is shown again
        WaitForAsyncUtils.asyncFx(() -> {
            model.showProbe(ExplorerSession.Probe.TRAINING);
            model.showRun(model.run("plain"), true);
        }).get();
        robot.clickOn("#probe-imprinted");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> model.problems().stream()
                .anyMatch(m -> m.startsWith("plain has no imprinted predictions"))).get());
    }
}
