package org.predspace.ui.landscape;

import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.runs.Run;
import org.predspace.session.CheckpointRef;
import org.predspace.session.TestRuns;
import org.predspace.ui.PanelFixtures;
import org.predspace.ui.TabHeaders;
import org.predspace.ui.TestWindow;
import org.predspace.ui.XScreen;
import org.predspace.ui.chapters.PanelsBeside;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Landscape tab in the app's own window (run under xvfb-run): it computes only once it is in
 * front, and what the X server then shows in the heat map's place is the plane's colours.
 * With -Dpredspace.snapshots=DIR the window is kept as landscape-window.png to look at.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class LandscapeTabScreenTest {
    @TempDir static Path tmp;
    static Path mlp;
    Stage stage;
    TestWindow shown;

    @BeforeAll
    static void trainIris() { mlp = TestRuns.trainIris(tmp.resolve("iris"), "mlp").get(0); }

    @Start
    void start(Stage stage) { this.stage = stage; }

    @AfterEach
    void shutdown() throws Exception {
        if (shown != null) WaitForAsyncUtils.asyncFx(() -> shown.model().shutdown()).get();
    }

    @Test
    void theTabComputesOnlyInFrontAndTheXScreenShowsThePlane(FxRobot robot) throws Exception {
        shown = TestWindow.showFromTest(stage, tmp);
        PanelFixtures.openAndWait(shown.model(), List.of(mlp));
        Run run = Run.open(mlp);
        CheckpointRef ref = new CheckpointRef(run.name(), 6, run.steps()[6]);
        robot.interact(() -> shown.model().selectCheckpoint(ref));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(onFx(() -> shown.model().tasks().running().stream().noneMatch(t -> t instanceof LandscapeTask)),
                "nothing is computed while another tab is in front");

        // lent out beside the picture (a chapter in presentation mode) it is on screen, though its tab is not selected
        Tab tab = onFx(() -> shown.window().panels().getTabs().stream()
                .filter(t -> t.getText().equals("Landscape")).findFirst().orElseThrow());
        LandscapePanel panel = onFx(() -> (LandscapePanel) tab.getContent());
        assertFalse(onFx(() -> panel.activeProperty().get()));
        var beside = new PanelsBeside(shown.window().panels());
        Stage aside = onFx(() -> {
            Stage s = new Stage();
            s.setScene(new Scene(beside.node(), 500, 700));
            beside.show(List.of("Landscape"));
            s.show();
            return s;
        });
        assertTrue(onFx(() -> panel.activeProperty().get()), "shown beside the picture, the panel computes");
        robot.interact(() -> {
            beside.giveBack();
            aside.close();
        });
        assertFalse(onFx(() -> panel.activeProperty().get()), "back in its unselected tab, it does not");

        TabHeaders.open(robot, "tab-landscape");
        assertTrue(onFx(() -> panel.activeProperty().get()));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> onFx(() -> {
            PlaneResult p = panel.heatmap().shown();
            return p != null && p.grid().isComplete() && panel.lineCharts().lossChart().getData().size() == 3
                    // the sharpness may still run (with l19-sharp's RunSharpness it is a Lanczos per snapshot)
                    && shown.model().tasks().running().stream().noneMatch(t -> t instanceof PlaneComputation || t instanceof LineComputation);
        }));
        PlaneResult plane = onFx(() -> panel.heatmap().shown());
        int row = 3, column = 21;   // a corner cell, away from the path (a click on a checkpoint selects it instead)
        double[] cell = onFx(() -> panel.heatmap().toPixels(plane.grid().xs()[column], plane.grid().ys()[row]));
        robot.clickOn(onFx(() -> panel.heatmap().localToScreen(cell[0], cell[1])));
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents(5);

        Bounds window = onFx(() -> shown.window().panels().getScene().getRoot().localToScreen(
                shown.window().panels().getScene().getRoot().getLayoutBounds()));
        String dir = System.getProperty("predspace.snapshots");
        XScreen.capture(window, dir == null ? null : Path.of(dir, "landscape-window.png"));
        assertEquals(row, onFx(() -> shown.model().landscapeOverlayProperty().get().markedRow()), "the clicked cell is the overlay's mark");
        // the heat map's middle, on the X screen: the plane's colours, not the panel's grey
        double[] middle = onFx(() -> panel.heatmap().toPixels(plane.grid().xs()[6], plane.grid().ys()[18]));
        Bounds at = onFx(() -> panel.heatmap().localToScreen(new BoundingBox(middle[0] - 10, middle[1] - 10, 20, 20)));
        BufferedImage image = XScreen.capture(at, null);
        int rgb = image.getRGB(image.getWidth() / 2, image.getHeight() / 2);
        int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
        assertTrue(Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 40,
                "a viridis colour is saturated, the background grey is not: " + r + "," + g + "," + b);
    }

    private static <T> T onFx(Callable<T> c) throws Exception { return WaitForAsyncUtils.asyncFx(c).get(); }
}
