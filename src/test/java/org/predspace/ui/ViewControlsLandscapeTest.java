package org.predspace.ui;

import javafx.scene.Scene;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.predspace.data.DatasetCatalog;
import org.predspace.landscape.ModelGrid;
import org.predspace.session.ExplorerSession;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The Landscape toggle of the view controls: idle without an overlay, and a click shows or hides it. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ViewControlsLandscapeTest {
    private ExplorerModel model;
    private ViewControls controls;

    @Start
    void start(Stage stage) {
        model = new ExplorerModel(ExplorerSession.withDefaults(), new DatasetCatalog(), Path.of("target", "unused-out"));
        controls = new ViewControls(model, () -> {});
        stage.setScene(new Scene(new VBox(controls), 1100, 120));
        stage.show();
    }

    @AfterEach
    void stop() { model.shutdown(); }

    @Test
    void theToggleIsIdleWithoutALandscapeAndAClickHidesAndShowsIt(FxRobot robot) throws Exception {
        assertTrue(controls.landscape.isDisabled(), "nothing to show before the Landscape panel computed a line or plane");
        assertTrue(controls.landscape.isSelected());

        ModelGrid line = ModelGrid.line(new double[] {0, 0}, new double[] {1, 1}, new double[] {0, 0.5, 1}, new double[] {1, 2, 3});
        WaitForAsyncUtils.asyncFx(() -> model.placeLandscape(
                new LandscapeOverlay("line", "not-open", 0, line, -1, -1))).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(controls.landscape.isDisabled());
        WaitForAsyncUtils.asyncFx(() -> model.showProbe(ExplorerSession.Probe.IMPRINTED)).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(controls.landscape.isDisabled(), "a landscape is not drawn in the imprinted picture");
        WaitForAsyncUtils.asyncFx(() -> model.showProbe(ExplorerSession.Probe.TRAINING)).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(controls.landscape.isDisabled());

        robot.clickOn("#landscape-shown");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(model.landscapeShownProperty().get(), "a click hides the landscape");
        robot.clickOn("#landscape-shown");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(model.landscapeShownProperty().get(), "a second click shows it again");

        WaitForAsyncUtils.asyncFx(() -> model.showLandscape(false)).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(controls.landscape.isSelected(), "the box follows the model (a chapter may set it)");
    }
}
