package org.predspace.ui.chapters;

import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.predspace.session.TestRuns;
import org.predspace.ui.Colouring;
import org.predspace.ui.PanelOption;
import org.predspace.ui.RunItem;
import org.predspace.ui.TestWindow;
import org.predspace.ui.WindowTest;
import org.predspace.ui.CameraPose;
import org.predspace.ui.workspace.WorkspaceBinding;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The Chapters tab of the real window: add chapters from views, edit and reorder them, save them, show them. */
@Tag("ui")
class ChaptersWindowTest extends WindowTest {
    private void front(String title) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            for (Tab t : window.panels().getTabs()) if (t.getText().equals(title)) window.panels().getSelectionModel().select(t);
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String inFront() throws Exception { return fx(() -> window.panels().getSelectionModel().getSelectedItem().getText()); }

    @Test
    void chaptersAddedFromViewsAreEditedSavedAndShownAgain(FxRobot robot) throws Exception {
        List<Path> dirs = TestRuns.writeSynthetic(tmp.resolve("runs"), 3, 8);
        WaitForAsyncUtils.asyncFx(() -> model.openRuns(dirs)).get();
        TestWindow.waitForDrawn(window, 2 + 3 * 8);

        // view A: one run hidden, coloured by step, axes 1 and 2 swapped, configurations in the Compare tab
        CameraPose poseA = new CameraPose(-30, 25, 10, -5, 1300);
        WaitForAsyncUtils.asyncFx(() -> {
            model.showRun(model.run("run-1"), false);
            model.colourBy(Colouring.STEP);
            model.setAxes(new int[] {0, 2, 1});
            window.view().setPose(poseA);
        }).get();
        front("Compare");
        robot.clickOn("#compare-configurations");
        front("Chapters");
        robot.clickOn("#chapters-add");
        List<Chapter> one = fx(() -> List.copyOf(model.chapters()));
        assertEquals(1, one.size());
        Chapter a = one.get(0);
        assertEquals("Chapter 1", a.title());
        assertEquals(List.of("run-0", "run-2"), a.shownRuns());
        assertEquals(Colouring.STEP, a.colouring());
        assertArrayEquals(new int[] {0, 2, 1}, a.axes());
        assertEquals(poseA, a.pose());
        assertEquals(List.of("Compare"), a.panels(), "the panel in front before the Chapters tab, not the editor");
        assertEquals(Set.of(PanelOption.COMPARE_CONFIGURATIONS), a.options());

        // rename it in the title field
        robot.clickOn("#chapters-title").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("Runs leave ignorance");
        assertEquals("Runs leave ignorance", fx(() -> model.chapters().get(0).title()));

        // view B: every run, coloured by run, default axes, the Dimensions tab, Compare back on runs
        CameraPose poseB = new CameraPose(-10, -60, 0, 0, 1600);
        WaitForAsyncUtils.asyncFx(() -> {
            model.runs().forEach(r -> model.showRun(r, true));
            model.colourBy(Colouring.RUN);
            model.setAxes(new int[] {0, 1, 2});
            model.setPanelModes(Set.of());
            window.view().setPose(poseB);
        }).get();
        front("Dimensions");
        front("Chapters");
        robot.clickOn("#chapters-add");
        assertEquals(List.of("Runs leave ignorance", "Chapter 2"), fx(() -> model.chapters().stream().map(Chapter::title).toList()),
                "added after the selected chapter");
        // focused by the program: a field's tooltip, shown where the mouse rests, can cover the next field
        type(robot, "#chapters-caption", "All runs, one arc.");
        type(robot, "#chapters-reference", "[A]");
        Chapter b = fx(() -> model.chapters().get(1));
        assertEquals("All runs, one arc.", b.caption());
        assertEquals("[A]", b.reference());
        assertEquals(List.of(), b.shownRuns(), "every run shown is stored as none listed");
        assertEquals(List.of("Dimensions"), b.panels());
        assertEquals(Set.of(), b.options());

        // B first
        robot.clickOn("#chapters-up");
        assertEquals(List.of("Chapter 2", "Runs leave ignorance"), fx(() -> model.chapters().stream().map(Chapter::title).toList()));
        assertEquals("All runs, one arc.", fx(() -> robot.lookup("#chapters-caption").queryTextInputControl().getText()),
                "the editor still shows the moved chapter");

        // saved as a chapters file, the list reads back whole; a workspace captures it too
        Path file = tmp.resolve("chapters.json");
        WaitForAsyncUtils.asyncFx(() -> panel(robot).save(file)).get();
        List<Chapter> listed = fx(() -> List.copyOf(model.chapters()));
        assertEquals(listed, ChapterFile.read(file));
        assertEquals(listed, fx(() -> new WorkspaceBinding(window.layout(), model).capture().chapters()));

        // Show the second (view A): the model and the window take its view
        WaitForAsyncUtils.asyncFx(() -> list(robot).getSelectionModel().select(1)).get();
        robot.clickOn("#chapters-show");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx(() -> model.run("run-1").isVisible()));
        assertTrue(fx(() -> model.run("run-0").isVisible() && model.run("run-2").isVisible()));
        assertEquals(Colouring.STEP, fx(() -> model.colouringProperty().get()));
        assertArrayEquals(new int[] {0, 2, 1}, fx(() -> model.axes()));
        assertEquals("Compare", inFront());
        assertTrue(fx(() -> ((ToggleButton) robot.lookup("#compare-configurations").query()).isSelected()));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(() -> window.view().pose()).equals(poseA));
        assertEquals(1, fx(() -> window.tour().currentProperty().get()));

        // double-click the first (view B) in the list
        front("Chapters");
        Node first = robot.lookup(".list-cell").match(n -> n instanceof ListCell<?> c
                && c.getIndex() == 0 && c.getListView() != null && "chapters-list".equals(c.getListView().getId())).query();
        robot.doubleClickOn(first, MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(() -> model.runs().stream().allMatch(RunItem::isVisible)));
        assertEquals(Colouring.RUN, fx(() -> model.colouringProperty().get()));
        assertEquals("Dimensions", inFront());
        assertTrue(fx(() -> model.panelModes().isEmpty()));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(() -> window.view().pose()).equals(poseB));

        // delete: one left, and loading the saved file brings both back
        front("Chapters");
        WaitForAsyncUtils.asyncFx(() -> list(robot).getSelectionModel().select(0)).get();
        robot.clickOn("#chapters-delete");
        assertEquals(List.of("Runs leave ignorance"), fx(() -> model.chapters().stream().map(Chapter::title).toList()));
        WaitForAsyncUtils.asyncFx(() -> panel(robot).load(file)).get();
        assertEquals(listed, fx(() -> List.copyOf(model.chapters())));
    }

    private static void type(FxRobot robot, String field, String text) {
        robot.interact(() -> robot.lookup(field).queryTextInputControl().requestFocus());
        robot.write(text);
    }

    @SuppressWarnings("unchecked")
    private static ListView<Chapter> list(FxRobot robot) { return robot.lookup("#chapters-list").queryAs(ListView.class); }

    private static ChaptersPanel panel(FxRobot robot) {
        return robot.lookup(n -> n instanceof ChaptersPanel).queryAs(ChaptersPanel.class);
    }
}
