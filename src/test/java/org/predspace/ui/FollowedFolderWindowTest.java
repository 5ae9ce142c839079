package org.predspace.ui;

import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.predspace.runs.Checkpoint;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.ProbeInfo;
import org.predspace.runs.RunStatus;
import org.predspace.runs.RunWriter;
import org.predspace.session.PictureFrame;
import org.predspace.session.RunState;
import org.predspace.session.TestRuns;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The window following a folder (File > Follow folder..., {@code gui --follow}): a run another
 * writer puts there is drawn, its next checkpoint is drawn once committed, the status line says
 * what is followed, and File > Stop following is there while following.
 */
@Tag("ui")
class FollowedFolderWindowTest {
    @RegisterExtension
    final FxWindow fx = new FxWindow(shown -> {});

    private static Checkpoint checkpoint(int k) {
        double t = k / 5.0;
        return new Checkpoint(new CheckpointMetrics(10L * k, k, 1 - 0.9 * t, t, 1.1 - 0.9 * t, 0.9 * t),
                TestRuns.towardsTruth(t, 0), TestRuns.towardsTruth(0.9 * t, 0), null);
    }

    @Test
    void aFollowedRunsNewCheckpointIsDrawnOnceCommitted() throws Exception {
        ExplorerModel model = fx.model();
        MainWindow window = fx.window();
        Path folder = Files.createDirectories(fx.tmp().resolve("cluster"));
        WaitForAsyncUtils.asyncFx(() -> model.follow(folder)).get(10, TimeUnit.SECONDS);
        MenuItem stop = WaitForAsyncUtils.asyncFx(() -> fileItem("Stop following")).get(10, TimeUnit.SECONDS);
        assertFalse(stop.isDisable(), "Stop following is offered while following");
        assertNotNull(WaitForAsyncUtils.asyncFx(() -> fileItem("Follow folder…")).get(10, TimeUnit.SECONDS));

        try (RunWriter writer = RunWriter.create(folder.resolve("elsewhere"), "elsewhere", TestRuns.C,
                new ProbeInfo(TestRuns.PROBE, TestRuns.N, "train"), Map.of("dataset", "synthetic"), TestRuns.labels(),
                TestRuns.labels())) {
            for (int k = 0; k < 3; k++) writer.append(checkpoint(k));
            TestWindow.waitForDrawn(window, 2 + 3);
            RunItem item = WaitForAsyncUtils.asyncFx(() -> model.run("elsewhere")).get(10, TimeUnit.SECONDS);
            assertEquals(RunState.Phase.TRAINING, item.state().phase(), "its writer is still at it");

            writer.append(checkpoint(3));
            PictureFrame drawn = TestWindow.waitForDrawn(window, 2 + 4);
            boolean newest = false;
            for (int i = 0; i < drawn.size(); i++) {
                newest |= drawn.point(i).run().equals("elsewhere") && drawn.point(i).checkpoint() == 3 && drawn.point(i).step() == 30;
            }
            assertTrue(newest, "the committed checkpoint is among the drawn points");
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> window.statusText()).get()
                    .contains("Following cluster: 1 run"));
            writer.finish(RunStatus.FINISHED, Map.of());
        }
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> model.run("elsewhere").state().phase() == RunState.Phase.FINISHED).get());

        WaitForAsyncUtils.asyncFx(model::stopFollowing).get(10, TimeUnit.SECONDS);
        assertTrue(stop.isDisable(), "nothing to stop once stopped");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.session().followers().isEmpty());
    }

    private MenuItem fileItem(String text) {
        MenuBar bar = (MenuBar) fx.window().scene().getRoot().lookup(".menu-bar");
        return bar.getMenus().get(0).getItems().stream().filter(i -> text.equals(i.getText())).findFirst()
                .orElseThrow(() -> new AssertionError("File > " + text + " is missing"));
    }
}
