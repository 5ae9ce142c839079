package org.predspace.ui;

import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.predspace.session.TestRuns;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Without 3D the window says so where the picture would be, and the rest still works. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class No3DWindowTest {
    private TestWindow w;
    private Path tmp;

    @Start
    void start(Stage stage) throws Exception {
        tmp = Files.createTempDirectory("predspace-no3d");
        System.setProperty("predspace.no3d", "true");
        try {
            w = TestWindow.show(stage, tmp);
        } finally {
            System.clearProperty("predspace.no3d");
        }
    }

    @AfterEach
    void stop() { w.model().shutdown(); }

    @Test
    void theCentreExplainsWhyThereIsNoPictureAndRunsStillOpen(FxRobot robot) throws Exception {
        assertTrue(robot.lookup("#no-3d").query().isVisible());
        assertTrue(robot.lookup(".placeholder-title").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.isVisible() && l.getText().contains("3D picture cannot be drawn")));
        assertFalse(w.window().view().isVisible() && w.window().view().getScene() != null,
                "the empty 3D view is not shown");
        List<Path> dirs = TestRuns.writeSynthetic(tmp, 2, 5);
        Platform.runLater(() -> w.model().openRuns(dirs));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> w.model().runs().size() == 2);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".table-row-cell").queryAll().stream()
                .filter(n -> ((TableRow<?>) n).getItem() != null).count() == 2);
    }
}
