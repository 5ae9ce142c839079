package org.predspace.ui.workspace;

import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.predspace.data.DatasetCatalog;
import org.predspace.session.CheckpointRef;
import org.predspace.session.ExplorerSession;
import org.predspace.session.TestRuns;
import org.predspace.ui.Colouring;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.ExplorerWindows;
import org.predspace.ui.FxWindow;
import org.predspace.ui.MainWindow;
import org.predspace.ui.RunItem;
import org.predspace.ui.CameraPose;
import org.predspace.ui.chapters.ChapterFileTest;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.predspace.ui.workspace.SavedViewsWindowTest.differingShare;
import static org.predspace.ui.workspace.SavedViewsWindowTest.settle;
import static org.predspace.ui.workspace.SavedViewsWindowTest.snapshot;
import static org.predspace.ui.workspace.SavedViewsWindowTest.waitForDrawn;

/** Save a workspace from one window, reopen it in another, and see the same picture. */
@Tag("ui")
class WorkspaceWindowTest {
    private ExplorerModel model;
    private MainWindow window;
    /** The window a workspace opened, closed with every other window after each test (FxWindow). */
    private MainWindow reopened;
    @RegisterExtension
    final FxWindow fx = new FxWindow(shown -> { model = shown.model(); window = shown.window(); });

    /** Opens three runs and arranges a picture that differs from the defaults in every saved part. */
    private List<Path> arrange() throws Exception {
        List<Path> dirs = TestRuns.writeSynthetic(fx.tmp().resolve("runs"), 3, 8);
        Platform.runLater(() -> model.openRuns(dirs));
        waitForDrawn(window, 2 + 3 * 8);
        WaitForAsyncUtils.asyncFx(() -> {
            RunItem second = model.runs().stream().filter(r -> r.state().dir().endsWith(dirs.get(1).getFileName())).findFirst().orElseThrow();
            model.showRun(second, false);
            model.colourBy(Colouring.STEP);
            model.setAxis(1, 2);
            model.setAxis(2, 1);
            model.setPointSize(1.6);
            model.showUpToStep(50);
            RunItem first = model.runs().get(0);
            model.selectCheckpoint(new CheckpointRef(first.name(), 3, first.state().metrics().get(3).step()));
            model.pin(new CheckpointRef(first.name(), 1, first.state().metrics().get(1).step()));
            window.view().setPose(new CameraPose(-35, 50, 20, 10, 1300));
            window.savedViews().store(1);
            window.view().setPose(new CameraPose(-30, 10, 0, 0, 1600));
            window.split().setDividerPositions(0.2, 0.62);
            model.setChapters(ChapterFileTest.sample());
            window.panels().getSelectionModel().select(2);
        }).get();
        settle();
        return dirs;
    }

    @Test
    void aSavedWorkspaceReopensTheSamePictureInANewWindow(FxRobot robot) throws Exception {
        arrange();
        Path file = fx.tmp().resolve("lecture.predspace");
        assertTrue(WaitForAsyncUtils.asyncFx(() -> window.workspace().saveTo(file)).get());
        Image before = snapshot(window);
        Workspace saved = WaitForAsyncUtils.asyncFx(() -> new WorkspaceBinding(window.layout(), model).capture()).get();
        assertTrue(window.stage().getTitle().contains("lecture.predspace"), window.stage().getTitle());

        // this window shows runs, so the workspace opens in a second window with its own session
        WaitForAsyncUtils.asyncFx(() -> window.workspace().open(file)).get();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.listTargetWindows().size() >= 2);
        reopened = (MainWindow) WaitForAsyncUtils.asyncFx(() -> robot.listTargetWindows().stream()
                .filter(w -> w != window.stage()).map(w -> w.getScene().getRoot().getProperties().get(MainWindow.class))
                .filter(o -> o != null).findFirst().orElseThrow()).get();
        waitForDrawn(reopened, 2 + 3 * 8);
        ExplorerModel m2 = reopened.model();
        assertNotSame(model, m2);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> m2.selectedCheckpoint() != null && m2.pinned().size() == 1);

        Workspace back = WaitForAsyncUtils.asyncFx(() -> new WorkspaceBinding(reopened.layout(), m2).capture()).get();
        assertEquals(saved.drawing(), back.drawing());
        assertEquals(saved.camera(), back.camera());
        assertEquals(saved.selectedCheckpoint(), back.selectedCheckpoint());
        assertEquals(saved.pinned(), back.pinned());
        assertEquals(saved.views(), back.views());
        assertEquals(ChapterFileTest.sample(), saved.chapters());
        assertEquals(saved.chapters(), List.copyOf(m2.chapters()), "the chapters come back into the model");
        assertEquals(saved.layout().panel(), back.layout().panel());
        assertArrayEquals(saved.layout().dividers(), back.layout().dividers(), 0.01);
        assertEquals(new HashSet<>(saved.runs()), new HashSet<>(back.runs()), "same folders, same visibility");
        assertEquals(1500, reopened.stage().getWidth(), 1);

        settle();
        Image after = snapshot(reopened);
        assertTrue(differingShare(before, after) < 0.05, "the reopened picture should be the saved one: "
                + differingShare(before, after) + " of the drawn pixels differ");
    }

    @Test
    void aMissingRunFolderIsNamedAndTheRestOpens(FxRobot robot) throws Exception {
        List<Path> dirs = arrange();
        Path file = fx.tmp().resolve("runs/w.predspace");
        assertTrue(WaitForAsyncUtils.asyncFx(() -> window.workspace().saveTo(file)).get());
        Path gone = dirs.get(2);
        try (var walk = Files.walk(gone)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertFalse(Files.exists(gone));

        // an empty window opens the workspace itself
        Stage[] second = new Stage[1];
        ExplorerModel fresh = new ExplorerModel(ExplorerSession.withDefaults(), new DatasetCatalog(), fx.tmp().resolve("trained"));
        reopened = WaitForAsyncUtils.asyncFx(() -> {
            second[0] = new Stage();
            MainWindow w = ExplorerWindows.build(second[0], fresh);
            second[0].setOnHidden(e -> fresh.shutdown());
            second[0].show();
            w.workspace().open(file);
            return w;
        }).get();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fresh.runs().size() == 2 && !fresh.problems().isEmpty());
        String problem = fresh.problems().get(0);
        assertTrue(problem.contains(gone.getFileName().toString()) && problem.contains("missing"), problem);
        assertTrue(problem.contains("w.predspace"), "names the workspace: " + problem);
        waitForDrawn(reopened, 2 + 2 * 8);
        assertEquals(Colouring.STEP, fresh.colouringProperty().get(), "the rest of the workspace is restored");
    }

    @Test
    void aCorruptWorkspaceIsReportedAndChangesNothing(FxRobot robot) throws Exception {
        Path file = fx.tmp().resolve("broken.predspace");
        Files.writeString(file, "{\"format\": \"predspace-workspace\", \"version\": 1, \"drawing\": {\"colouring\": 7}}");
        Colouring before = model.colouringProperty().get();
        assertFalse(WaitForAsyncUtils.asyncFx(() -> window.workspace().open(file)).get());
        String problem = model.problems().get(model.problems().size() - 1);
        assertTrue(problem.contains("broken.predspace") && problem.contains("colouring"), problem);
        assertEquals(before, model.colouringProperty().get());
        assertNull(window.workspace().fileProperty().get());
    }
}
