package org.predspace.ui.details;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.session.CheckpointRef;
import org.predspace.session.PointInfo;
import org.predspace.session.TestRuns;
import org.predspace.ui.PanelFixtures;
import org.predspace.ui.PanelTest;
import org.predspace.ui.RunItems;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("ui")
class DetailsPanelTest extends PanelTest<DetailsPanel> {
    DetailsPanelTest() {
        super(DetailsPanel::new, 640, 900);
    }

    @Test
    void withNothingSelectedItShowsAHint(FxRobot robot) throws Exception {
        assertTrue(fx(panel::showsHint));
        openSynthetic();
        onFx(() -> model.selectRun(model.run("run-0")));
        assertFalse(fx(panel::showsHint));
        onFx(() -> model.clearSelection());
        assertTrue(fx(panel::showsHint));
        assertTrue(robot.lookup(DetailsPanel.HINT).tryQuery().isPresent(), "the hint is on screen");
    }

    @Test
    void aSelectedCheckpointShowsItsStepMetricsAndPlaceInPredictionSpace(FxRobot robot) throws Exception {
        openSynthetic();
        for (int k : new int[] {3, 6}) {
            onFx(() -> model.selectCheckpoint(new CheckpointRef("run-1", k, 10L * k)));
            CheckpointMetrics m = fx(() -> model.run("run-1").state().metrics().get(k));
            assertEquals(Long.toString(10L * k), fx(() -> panel.value("Step")));
            assertEquals(String.format(Locale.ROOT, "%.1f %%", 100 * m.testAccuracy()), fx(() -> panel.value("Test accuracy")));
            assertEquals(String.format(Locale.ROOT, "%.1f %%", 100 * m.trainAccuracy()), fx(() -> panel.value("Train accuracy")));
            assertEquals(m.trainLoss(), Double.parseDouble(fx(() -> panel.value("Train loss"))), 5e-4);
            assertEquals("Checkpoint " + (k + 1) + " of " + CHECKPOINTS, fx(panel::checkpointTitle));

            PointInfo p = model.picture().frame().points().stream()
                    .filter(q -> q.run().equals("run-1") && q.checkpoint() == k).findFirst().orElseThrow();
            double shown = Double.parseDouble(fx(() -> panel.value("Progress to truth")));
            assertEquals(p.progress(), shown, 5e-4 * Math.max(1, Math.abs(p.progress())));
            assertEquals(p.geodesicDistance(), Double.parseDouble(fx(() -> panel.value("Distance to geodesic"))),
                    5e-4 * Math.max(1, p.geodesicDistance()));
        }
        PanelFixtures.snapshot(panel, "curves-details-details");
    }

    @Test
    void unmeasuredMetricsAreShownAsMissingNotZero(FxRobot robot) throws Exception {
        openSynthetic();
        onFx(() -> model.selectCheckpoint(new CheckpointRef("gappy", 3, 45)));
        assertEquals("45", fx(() -> panel.value("Step")));
        assertEquals("—", fx(() -> panel.value("Test accuracy")));
        assertEquals("—", fx(() -> panel.value("Test loss")));
        assertEquals("2.5e-4", fx(() -> panel.value("Learning rate")), "a small learning rate in scientific notation");
    }

    @Test
    void aSelectedRunShowsItsSpecStatusFolderAndLastCheckpoint(FxRobot robot) throws Exception {
        openSynthetic();
        onFx(() -> model.selectRun(model.run("run-1")));
        assertEquals("Last checkpoint, 8 of 8", fx(panel::checkpointTitle));
        assertEquals("70", fx(() -> panel.value("Step")));
        assertEquals("7", fx(() -> panel.value("Epoch")));
        assertEquals("Finished after 8 checkpoints (last step 70).", fx(() -> panel.statusText()));
        assertEquals("linear", fx(() -> panel.value("Architecture")));
        assertEquals("0.05", fx(() -> panel.value("Learning rate")));
        assertEquals("32", fx(() -> panel.value("Batch size")));
        assertEquals("1", fx(() -> panel.value("Seed")));
        assertEquals(dir.resolve("run-1").toAbsolutePath().normalize().toString(), fx(panel::folderText));

        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(panel.copyPathButton());
        assertEquals(dir.resolve("run-1").toAbsolutePath().normalize().toString(),
                fx(() -> Clipboard.getSystemClipboard().getString()));
        PanelFixtures.snapshot(panel, "curves-details-details-run");
    }

    @Test
    void aLiveRunsLastCheckpointFollowsTraining(FxRobot robot) throws Exception {
        openSynthetic();
        onFx(() -> model.selectRun(model.run("run-2")));
        fx(() -> RunItems.withCheckpoint(model.run("run-2"), new CheckpointMetrics(120, 12, 0.03, 0.995, 0.2, 0.93)));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "120".equals(fx(() -> panel.value("Step"))));
        assertEquals("93.0 %", fx(() -> panel.value("Test accuracy")));
        assertEquals("Last checkpoint, 9 of 9", fx(panel::checkpointTitle));
    }

    /** run.json says failed and why (as the engine writes it when a training dies): Details says the same after a restart. */
    @Test
    void aRunThatFailedShowsFailedAndWhy(FxRobot robot) throws Exception {
        Path failed = TestRuns.writeSynthetic(dir, "run-failed", TestRuns.PROBE, 1, CHECKPOINTS);
        String reason = "a library failed to load: NoClassDefFoundError: Could not initialize class org.bytedeco.openblas.global.openblas";
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(failed.resolve("run.json").toFile());
        manifest.put("status", "failed");
        manifest.putObject("summary").put("reason", reason);
        json.writeValue(failed.resolve("run.json").toFile(), manifest);

        PanelFixtures.openAndWait(model, List.of(failed));
        onFx(() -> model.selectRun(model.run("run-failed")));
        assertEquals("Failed after 8 checkpoints (last step 70): " + reason, fx(() -> panel.statusText()));
    }
}
