package org.predspace.ui.spectrum;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DatasetCatalog;
import org.predspace.runs.Run;
import org.predspace.session.CheckpointRef;
import org.predspace.session.ExplorerSession;
import org.predspace.session.TestRuns;
import org.predspace.ui.ExplorerModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes /tmp/spectrum-panel-*.png to look at (not a test of behaviour):
 * {@code xvfb-run -a mvn -o -q test -Dtest=SpectrumPanelSnapshot -Dsnapshots=true}.
 */
@Tag("ui")
@EnabledIfSystemProperty(named = "snapshots", matches = "true")
@ExtendWith(ApplicationExtension.class)
class SpectrumPanelSnapshot {
    @TempDir Path tmp;
    ExplorerModel model;
    SpectrumPanel panel;

    @Start
    void start(Stage stage) {
        model = new ExplorerModel(ExplorerSession.withDefaults(), new DatasetCatalog(), tmp.resolve("out"));
        panel = new SpectrumPanel(model);
        stage.setScene(new Scene(panel, 900, 760));
        stage.show();
    }

    @Test
    void snapshot(FxRobot robot) throws Exception {
        write(robot, "empty");
        List<Path> dirs = TestRuns.trainIris(tmp.resolve("iris"), "linear", "mlp");
        robot.interact(() -> model.openRuns(dirs));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.runs().size() == 2);
        long[] steps = Run.open(dirs.get(1)).steps();
        robot.interact(() -> model.selectCheckpoint(new CheckpointRef("iris-mlp", 1, steps[1])));
        robot.interact(() -> ((CheckBox) panel.lookup("#spectrum-kind-hessian")).setSelected(true));
        robot.interact(() -> ((CheckBox) panel.lookup("#spectrum-kind-input")).setSelected(true));
        Thread.sleep(300);
        write(robot, "computing");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.tasks().running().isEmpty());
        robot.clickOn("#spectrum-pin");
        robot.interact(() -> model.selectCheckpoint(new CheckpointRef("iris-mlp", 9, steps[9])));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.tasks().running().isEmpty());
        robot.clickOn("#spectrum-pin");
        long[] linear = Run.open(dirs.get(0)).steps();
        robot.interact(() -> model.selectCheckpoint(new CheckpointRef("iris-linear", 9, linear[9])));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.tasks().running().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        write(robot, "three");
        model.shutdown();
    }

    private void write(FxRobot robot, String name) throws Exception {
        File out = new File("/tmp/spectrum-panel-" + name + ".png");
        WaitForAsyncUtils.asyncFx(() -> ImageIO.write(SwingFXUtils.fromFXImage(panel.snapshot(null, null), null), "png", out))
                .get(10, TimeUnit.SECONDS);
    }
}
