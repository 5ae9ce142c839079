package org.predspace.ui.figures;

import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.predspace.data.DatasetCatalog;
import org.predspace.session.ExplorerSession;
import org.predspace.session.PictureFrame;
import org.predspace.session.TestRuns;
import org.predspace.ui.Colouring;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.ExplorerWindows;
import org.predspace.ui.MainWindow;
import org.predspace.ui.CameraPose;
import org.predspace.ui.view3d.PredictionView;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * File > Export > Picture as PNG… in the real window: the export is the picture the window
 * shows (block by block, from the window's camera), at exactly the size chosen in the dialog.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class PictureExportTest {
    private ExplorerModel model;
    private MainWindow window;
    private Path tmp;

    @Start
    void start(Stage stage) throws Exception {
        tmp = Files.createTempDirectory("predspace-export");
        model = new ExplorerModel(ExplorerSession.withDefaults(), new DatasetCatalog(), tmp.resolve("trained"));
        model.colourBy(Colouring.RUN);
        window = ExplorerWindows.build(stage, model);
        stage.setWidth(1500);
        stage.setHeight(950);
        stage.show();
    }

    @AfterEach
    void stop() { model.shutdown(); }

    private void openAndSettle() throws Exception {
        List<Path> dirs = TestRuns.writeSynthetic(tmp, 3, 8);
        Platform.runLater(() -> model.openRuns(dirs));
        int expected = 2 + 3 * 8;
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            PictureFrame f = window.view().drawnFrame();
            return f != null && f.size() == expected && f.embedding().exactPoints() == expected && f.geodesicCurrent()
                    && model.picture().frame().version() == f.version() && window.view().isSettled();
        });
        WaitForAsyncUtils.waitForFxEvents(5);
    }

    /** The view as the window draws it, cut to {@code size} (the view's width may be fractional; the export's is not). */
    private BufferedImage onScreen(FigureSize size) throws Exception {
        BufferedImage all = SwingFXUtils.fromFXImage(WaitForAsyncUtils.asyncFx(() -> window.view().snapshot(null, null))
                .get(10, TimeUnit.SECONDS), null);
        return all.getSubimage(0, 0, size.width(), size.height());
    }

    /** Waits until the export dialog is on screen (its nodes exist a moment before its window shows). */
    private static void waitForDialog(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#preset-custom").tryQuery()
                .map(n -> n.getScene() != null && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing()).orElse(false));
        WaitForAsyncUtils.waitForFxEvents(5);
    }

    private BufferedImage export(FigureSize size, String name) throws Exception {
        Path file = tmp.resolve(name);
        List<String> notices = new CopyOnWriteArrayList<>();
        model.setNoticeSink(notices::add);
        WaitForAsyncUtils.asyncFx(() -> PictureExport.toFile(model, window.view().pose(), size, file)).get(10, TimeUnit.SECONDS)
                .get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(notices.stream().anyMatch(n -> n.startsWith("Saved " + name)), "the user is told where it went: " + notices);
        return Pictures.read(file);
    }

    private FigureSize windowSize() throws Exception {
        PredictionView v = window.view();
        return WaitForAsyncUtils.asyncFx(() -> new FigureSize((int) v.getWidth(), (int) v.getHeight(), 1)).get();
    }

    @Test
    void anExportAtTheWindowsSizeIsThePictureOnScreenFromTheSameCamera(FxRobot robot) throws Exception {
        openAndSettle();
        FigureSize size = windowSize();
        BufferedImage screen = onScreen(size);
        BufferedImage exported = export(size, "window.png");
        assertEquals(size.width(), exported.getWidth());
        assertEquals(size.height(), exported.getHeight());
        // the screen just before and just after the export: a late frame of the opening (a background
        // refresh on a cold, loaded machine) may land between the two; the export must be one of them
        double same = Math.min(Pictures.blockDifference(exported, screen, 8),
                Pictures.blockDifference(exported, onScreen(size), 8));

        // turn the window's camera: the old export no longer matches the screen, a new one does
        WaitForAsyncUtils.asyncFx(() -> window.view().setPose(new CameraPose(30, 60, 0, 0, 1100))).get();
        WaitForAsyncUtils.waitForFxEvents(5);
        BufferedImage turned = onScreen(size);
        double stale = Pictures.blockDifference(exported, turned, 8);
        double fresh = Pictures.blockDifference(export(size, "turned.png"), turned, 8);
        // measured: about 0.0004 (edges smoothed in the export, not on screen) against 0.01 after turning
        assertTrue(same < 0.002 && fresh < 0.002, "exports differ from the screen: " + same + ", " + fresh);
        assertTrue(stale > 5 * Math.max(same, fresh), "the picture did not change with the camera: " + stale + " vs " + same);

        // the runs' own colours are in both, in similar amounts
        for (Color hue : List.of(RenderCommandTest.BLUE, RenderCommandTest.GREEN)) {
            int a = Pictures.pixelsOfHue(turned, hue), b = Pictures.pixelsOfHue(Pictures.read(tmp.resolve("turned.png")), hue);
            assertTrue(a > 20 && b > 0.5 * a && b < 2 * a, hue + ": " + a + " on screen, " + b + " exported");
        }
    }

    @Test
    void theMenuAsksForASizeAndTheFourKPresetWritesExactlyThatSize(FxRobot robot) throws Exception {
        openAndSettle();
        MenuItem item = window.exportMenu().getItems().stream().filter(i -> "export-picture".equals(i.getId())).findFirst().orElseThrow();
        assertEquals("Picture as PNG…", item.getText());
        // the window's own menu item opens the size dialog
        robot.clickOn("File").clickOn("Export").clickOn("Picture as PNG…");
        waitForDialog(robot);
        robot.clickOn(robot.lookup(".dialog-pane").queryAs(DialogPane.class).lookupButton(ButtonType.CANCEL));
        WaitForAsyncUtils.waitForFxEvents(5);

        // the same action with the file chooser replaced (no robot can drive a native dialog)
        Path file = tmp.resolve("slides.png");
        PictureExportAction action = new PictureExportAction(window.stage(), model, window.view());
        action.useDestination((owner, size) -> Optional.of(file));
        Platform.runLater(action::run);
        waitForDialog(robot);
        robot.clickOn("#preset-3840");
        robot.clickOn(robot.lookup(".dialog-pane").queryAs(DialogPane.class).lookupButton(ButtonType.OK));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Files.isRegularFile(file));
        BufferedImage img = Pictures.read(file);
        assertEquals(3840, img.getWidth());
        assertEquals(2160, img.getHeight());
        assertTrue(Pictures.pixelsOfHue(img, RenderCommandTest.GREEN) > 500, "run-2 is not in the 4K picture");
    }

    @Test
    void aCustomSizeIsCheckedAsTypedAndOkWaitsForAValidOne(FxRobot robot) throws Exception {
        openAndSettle();
        Path file = tmp.resolve("custom.png");
        PictureExportAction action = new PictureExportAction(window.stage(), model, window.view());
        action.useDestination((owner, size) -> Optional.of(file));
        Platform.runLater(action::run);
        waitForDialog(robot);
        Button ok = (Button) robot.lookup(".dialog-pane").queryAs(DialogPane.class).lookupButton(ButtonType.OK);
        robot.clickOn("#preset-custom");
        robot.doubleClickOn("#custom-width").eraseText(6).write("5000");
        WaitForAsyncUtils.waitForFxEvents(3);
        String problem = robot.lookup("#size-problem").queryAs(Label.class).getText();
        assertTrue(problem.contains("5000") && problem.contains("3840"), problem);
        assertTrue(ok.isDisabled());
        robot.doubleClickOn("#custom-width").eraseText(6).write("abc");
        WaitForAsyncUtils.waitForFxEvents(3);
        assertTrue(robot.lookup("#size-problem").queryAs(Label.class).getText().contains("'abc'"));
        assertTrue(ok.isDisabled());
        robot.doubleClickOn("#custom-width").eraseText(6).write("800");
        robot.doubleClickOn("#custom-height").eraseText(6).write("600");
        WaitForAsyncUtils.waitForFxEvents(3);
        assertEquals("", robot.lookup("#size-problem").queryAs(Label.class).getText());
        assertFalse(ok.isDisabled());
        robot.clickOn(ok);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Files.isRegularFile(file));
        BufferedImage img = Pictures.read(file);
        assertEquals(800, img.getWidth());
        assertEquals(600, img.getHeight());
    }
}
