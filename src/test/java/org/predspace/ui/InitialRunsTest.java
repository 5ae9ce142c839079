package org.predspace.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.predspace.session.TestRuns;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Opening a folder of runs with a chapters.json, as the app does at start: chapter 1 is shown once the runs are drawn. */
@Tag("ui")
class InitialRunsTest extends WindowTest {
    /** Opens the folder as the app does; completes with how many points were drawn when it went on. */
    private CompletableFuture<Integer> open(Path folder) throws Exception {
        CompletableFuture<Integer> drawn = new CompletableFuture<>();
        WaitForAsyncUtils.asyncFx(() -> InitialRuns.open(model, () -> window, List.of(folder),
                () -> drawn.complete(window.view().drawnFrame() == null ? 0 : window.view().drawnFrame().size()))).get();
        return drawn;
    }

    @Test
    void chapterOneOfTheFoldersChaptersIsShownOnceTheRunsAreDrawn() throws Exception {
        Path lecture = tmp.resolve("lecture");
        TestRuns.writeSynthetic(lecture, 3, 8);
        Files.writeString(lecture.resolve("chapters.json"), """
                { "format": "predspace-chapters", "version": 1, "chapters": [
                  { "title": "Two runs", "runs": ["run-0", "run-2"], "colouring": "SEED", "axes": [0, 2, 1],
                    "camera": {"pitch": -40, "yaw": 70, "panX": 5, "panY": 0, "distance": 1200},
                    "panels": ["Dimensions"], "options": ["compare-configurations"] },
                  { "title": "All runs", "colouring": "STEP", "panels": ["Curves"] } ] }
                """);
        assertEquals(2 + 3 * 8, open(lecture).get(60, TimeUnit.SECONDS), "went on once every run was drawn");
        assertEquals(2, fx(() -> model.chapters().size()));
        assertEquals(0, fx(() -> window.tour().currentProperty().get()));
        assertTrue(fx(() -> model.run("run-0").isVisible() && model.run("run-2").isVisible()));
        assertFalse(fx(() -> model.run("run-1").isVisible()));
        assertEquals(Colouring.SEED, fx(() -> model.colouringProperty().get()));
        assertArrayEquals(new int[] {0, 2, 1}, fx(() -> model.axes()));
        assertEquals("Dimensions", fx(() -> window.panels().getSelectionModel().getSelectedItem().getText()));
        assertTrue(fx(() -> model.panelModes().contains(PanelOption.COMPARE_CONFIGURATIONS)));
        CameraPose pose = new CameraPose(-40, 70, 5, 0, 1200);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(() -> window.view().pose()).equals(pose));
        assertTrue(fx(() -> model.problems().isEmpty()), () -> "no problem reported: " + model.problems());
    }

    @Test
    void aBadChaptersFileIsReportedOnceAndTheRunsStillOpen() throws Exception {
        Path lecture = tmp.resolve("lecture");
        TestRuns.writeSynthetic(lecture, 2, 6);
        Files.writeString(lecture.resolve("chapters.json"),
                "{\"format\": \"predspace-chapters\", \"version\": 1, \"chapters\": [{\"title\": \"One\", \"colouring\": \"RAINBOW\"}]}");
        Colouring before = fx(() -> model.colouringProperty().get());
        assertEquals(2 + 2 * 6, open(lecture).get(60, TimeUnit.SECONDS));
        List<String> problems = fx(() -> List.copyOf(model.problems()));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("chapters.json") && problems.get(0).contains("chapter 1 (\"One\")")
                && problems.get(0).contains("RAINBOW"), problems.get(0));
        assertEquals(2, fx(() -> model.runs().size()));
        assertTrue(fx(() -> model.chapters().isEmpty()));
        assertEquals(-1, fx(() -> window.tour().currentProperty().get()));
        assertEquals(before, fx(() -> model.colouringProperty().get()));
    }
}
