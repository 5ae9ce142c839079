package org.predspace.ui.chapters;

import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.PanelFixtures;
import org.predspace.ui.CameraPose;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The Chapters panel alone (no picture): loading files. The window test drives the rest. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ChaptersPanelTest {
    @TempDir
    Path tmp;
    private ExplorerModel model;
    private ChaptersPanel panel;

    @Start
    void start(Stage stage) {
        model = PanelFixtures.model(tmp);
        panel = new ChaptersPanel(model, new ChapterTour(model, new ChapterStage() {
            public void glideTo(CameraPose pose) {}
            public String panel() { return null; }
            public void showPanels(List<String> panels) {}
            public void play(boolean fromStart) {}
        }));
        stage.setScene(new Scene(panel, 500, 700));
        stage.show();
    }

    @AfterEach
    void stop() { model.shutdown(); }

    @Test
    void aBadChaptersFileIsReportedAndTheChaptersStay() throws Exception {
        Chapter kept = ChapterFileTest.sample().get(1);
        WaitForAsyncUtils.asyncFx(() -> model.setChapters(List.of(kept))).get();
        Path file = tmp.resolve("bad.json");
        Files.writeString(file, "{\"format\": \"predspace-chapters\", \"version\": 1, \"chapters\": [{\"title\": \"X\", \"probe\": 3}]}");
        WaitForAsyncUtils.asyncFx(() -> panel.load(file)).get();
        List<String> problems = WaitForAsyncUtils.asyncFx(() -> List.copyOf(model.problems())).get();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("bad.json") && problems.get(0).contains("chapter 1 (\"X\")")
                && problems.get(0).contains("\"probe\""), problems.get(0));
        assertEquals(List.of(kept), WaitForAsyncUtils.asyncFx(() -> List.copyOf(model.chapters())).get());
    }

    @Test
    void aGoodFileReplacesTheChaptersAndSelectsTheFirst() throws Exception {
        Path file = tmp.resolve("chapters.json");
        ChapterFile.write(file, ChapterFileTest.sample());
        WaitForAsyncUtils.asyncFx(() -> model.setChapters(List.of(ChapterFileTest.sample().get(1).withTitle("Old")))).get();
        WaitForAsyncUtils.asyncFx(() -> panel.load(file)).get();
        assertEquals(ChapterFileTest.sample(), WaitForAsyncUtils.asyncFx(() -> List.copyOf(model.chapters())).get());
        assertEquals("Training is a path", WaitForAsyncUtils.asyncFx(
                () -> ((TextField) panel.lookup("#chapters-title")).getText()).get(), "the editor shows chapter 1");
    }
}
