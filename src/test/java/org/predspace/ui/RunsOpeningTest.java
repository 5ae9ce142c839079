package org.predspace.ui;

import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.predspace.session.PictureFrame;
import org.predspace.session.PointInfo;
import org.predspace.session.TestRuns;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** Opening a folder of runs in the window: one task with one progress bar, and every run in the picture. */
@Tag("ui")
class RunsOpeningTest {
    private ExplorerModel model;
    private MainWindow window;
    @RegisterExtension
    final FxWindow fx = new FxWindow(shown -> { model = shown.model(); window = shown.window(); });

    @Test
    void aFolderOfRunsOpensAsOneTaskWhoseProgressEndsAtOneWithEveryRunDrawn(FxRobot robot) throws Exception {
        Path folder = fx.tmp().resolve("runs");
        TestRuns.writeSynthetic(folder, 12, 6);
        List<Task<?>> started = new CopyOnWriteArrayList<>();
        List<Double> progress = new CopyOnWriteArrayList<>();
        AtomicInteger mostAtOnce = new AtomicInteger();
        WaitForAsyncUtils.asyncFx(() -> {
            // other panels start tasks of their own (trajectory distances): only the opening ones count
            model.tasks().running().addListener((ListChangeListener<Task<?>>) c -> {
                while (c.next()) {
                    for (Task<?> t : c.getAddedSubList()) {
                        if (!t.getTitle().startsWith("Opening")) continue;
                        started.add(t);
                        t.progressProperty().addListener((o, a, b) -> progress.add(b.doubleValue()));
                    }
                }
                mostAtOnce.accumulateAndGet((int) model.tasks().running().stream()
                        .filter(t -> t.getTitle().startsWith("Opening")).count(), Math::max);
            });
            model.openFolders(List.of(folder));
        }).get();

        PictureFrame f = TestWindow.waitForDrawn(window, 2 + 12 * 6);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> started.stream().allMatch(Task::isDone));
        WaitForAsyncUtils.waitForFxEvents();

        List<String> titles = WaitForAsyncUtils.asyncFx(() -> titles(started)).get();
        assertEquals(List.of("Opening 12 runs"), titles, "one task for the folder, not one per run");
        assertEquals(1, mostAtOnce.get());
        assertEquals(Task.State.SUCCEEDED, WaitForAsyncUtils.asyncFx(() -> started.get(0).getState()).get());
        assertFalse(progress.isEmpty());
        assertEquals(1.0, progress.get(progress.size() - 1), 0, "progress ends full: " + progress);
        List<Double> known = progress.stream().filter(p -> p >= 0).toList();
        for (int i = 1; i < known.size(); i++) assertTrue(known.get(i) >= known.get(i - 1), "progress never goes back: " + progress);

        assertEquals(12, model.runs().size());
        Set<String> drawn = new HashSet<>();
        for (PointInfo p : f.points()) if (!p.isAnchor()) drawn.add(p.run());
        assertEquals(12, drawn.size(), "every run has points in the picture");
        assertEquals(12 * 6, window.view().drawnMarkers());
        // once done, the status bar shows no opening task
        assertTrue(robot.lookup(".task-chip").queryAll().stream().noneMatch(chip -> chip.lookupAll(".label").stream()
                .anyMatch(l -> ((Label) l).getText().startsWith("Opening"))));
    }

    @Test
    void runsAlreadyOpenAreSkippedWhenTheirFolderIsOpenedAgain() throws Exception {
        Path folder = fx.tmp().resolve("runs");
        List<Path> dirs = TestRuns.writeSynthetic(folder, 3, 5);
        WaitForAsyncUtils.asyncFx(() -> model.openRuns(dirs.subList(0, 1))).get();
        TestWindow.waitForDrawn(window, 2 + 5);
        WaitForAsyncUtils.asyncFx(() -> model.openFolders(List.of(folder))).get();
        TestWindow.waitForDrawn(window, 2 + 3 * 5);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, model.runs().size());
        assertTrue(model.problems().isEmpty(), "nothing to report: " + model.problems());
    }

    private static List<String> titles(List<Task<?>> tasks) {
        List<String> out = new ArrayList<>();
        for (Task<?> t : tasks) out.add(t.getTitle());
        return out;
    }
}
