package org.predspace.ui.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.session.CheckpointRef;
import org.predspace.session.ExplorerSession;
import org.predspace.session.PredictionPicture;
import org.predspace.ui.Colouring;
import org.predspace.ui.CameraPose;
import org.predspace.ui.chapters.ChapterFileTest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Workspace files: what is written comes back, paths travel with the folder, bad files are named. */
class WorkspaceFileTest {
    @TempDir
    Path tmp;

    private static Workspace sample(Path runs) {
        SavedView v1 = new SavedView("start", new CameraPose(-10, 20, 5, -7, 900), Colouring.OPTIMIZER,
                ExplorerSession.Probe.HELD_OUT, new int[] {0, 2, 4}, 120, false, Set.of("b"));
        SavedView v2 = new SavedView("all, \"quoted\" ünïcode", CameraPose.DEFAULT, Colouring.PROGRESS,
                ExplorerSession.Probe.TRAINING, new int[] {1, 2, 3}, Long.MAX_VALUE, true, Set.of());
        return new Workspace(
                List.of(new Workspace.RunEntry(runs.resolve("a"), true), new Workspace.RunEntry(runs.resolve("b"), false)),
                new Workspace.Drawing(ExplorerSession.Probe.HELD_OUT, Colouring.SEED, new int[] {3, 1, 0}, 1.75, false, true, 40),
                new CameraPose(33.5, -170.25, 12, 3, 2222), new CheckpointRef("a", 3, 30), "a",
                List.of(new CheckpointRef("b", 0, 0), new CheckpointRef("a", 7, 70)), List.of(v1, v2),
                new Workspace.Layout(new double[] {0.2, 0.7}, "Compare", 1400, 900),
                Map.of(ExplorerSession.Probe.TRAINING, Map.of(
                        new PredictionPicture.PointKey("truth", -2), List.of(0.5, -0.25, 1e-17),
                        new PredictionPicture.PointKey("a", 7), List.of(-0.1, 0.2, 0.3))),
                ChapterFileTest.sample());
    }

    @Test
    void everyFieldComesBackAfterSaveAndOpen() throws IOException {
        Workspace w = sample(tmp.resolve("runs"));
        Path f = tmp.resolve("lecture.predspace");
        WorkspaceFile.write(f, w);
        assertEquals(w, WorkspaceFile.read(f));
    }

    @Test
    void runFoldersAreStoredRelativeSoTheWorkspaceMovesWithThem() throws IOException {
        Path course = tmp.resolve("course");
        Workspace w = sample(course.resolve("runs"));
        Files.createDirectories(course);
        WorkspaceFile.write(course.resolve("w.predspace"), w);
        JsonNode json = new ObjectMapper().readTree(course.resolve("w.predspace").toFile());
        assertEquals("runs/a", json.get("runs").get(0).get("path").asText());

        Path moved = tmp.resolve("elsewhere/course");
        Files.createDirectories(moved.getParent());
        Files.move(course, moved);
        Workspace back = WorkspaceFile.read(moved.resolve("w.predspace"));
        assertEquals(moved.resolve("runs/a").toAbsolutePath().normalize(), back.runs().get(0).dir());
        assertEquals(moved.resolve("runs/b").toAbsolutePath().normalize(), back.runs().get(1).dir());
        assertFalse(back.runs().get(1).visible());
    }

    @Test
    void allStepsIsWrittenAsNullNotAsAHugeNumber() throws IOException {
        Path f = tmp.resolve("w.predspace");
        WorkspaceFile.write(f, sample(tmp));
        JsonNode views = new ObjectMapper().readTree(f.toFile()).get("views");
        assertTrue(views.get(1).get("shownUpToStep").isNull());
        assertEquals(120, views.get(0).get("shownUpToStep").asLong());
    }

    @Test
    void aMinimalWorkspaceTakesTheDefaults() throws IOException {
        Path f = tmp.resolve("min.predspace");
        Files.writeString(f, "{\"format\": \"predspace-workspace\", \"version\": 1}");
        Workspace w = WorkspaceFile.read(f);
        assertTrue(w.runs().isEmpty());
        assertEquals(CameraPose.DEFAULT, w.camera());
        assertEquals(Colouring.ARCHITECTURE, w.drawing().colouring());
        assertArrayEquals(new int[] {0, 1, 2}, w.drawing().axes());
        assertEquals(Long.MAX_VALUE, w.drawing().shownUpToStep());
        assertNull(w.selectedCheckpoint());
        assertTrue(w.chapters().isEmpty(), "a workspace written before chapters has none");
    }

    @Test
    void chaptersComeBackAndABadOneIsNamed() throws IOException {
        Path f = tmp.resolve("lecture.predspace");
        WorkspaceFile.write(f, sample(tmp));
        assertEquals(ChapterFileTest.sample(), WorkspaceFile.read(f).chapters());
        String m = problemWith(HEAD + "\"chapters\": [{\"title\": \"Path\", \"colouring\": \"RAINBOW\"}]}");
        assertTrue(m.contains("chapter 1 (\"Path\"): \"colouring\" is \"RAINBOW\""), m);
    }

    private String problemWith(String json) throws IOException {
        Path f = tmp.resolve("bad.predspace");
        Files.writeString(f, json);
        WorkspaceFormatException e = assertThrows(WorkspaceFormatException.class, () -> WorkspaceFile.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), "the message names the file: " + e.getMessage());
        return e.getMessage();
    }

    private static final String HEAD = "{\"format\": \"predspace-workspace\", \"version\": 1, ";

    @Test
    void badFilesAreRefusedWithAMessageNamingTheProblem() throws IOException {
        assertTrue(problemWith("{\"format\": \"predspace-workspace\",\n \"runs\": [}").contains("line 2"));
        assertTrue(problemWith("[1, 2]").contains("not a PredSpace workspace"));
        assertTrue(problemWith("{\"runs\": []}").contains("not a PredSpace workspace"));
        assertTrue(problemWith("{\"format\": \"predspace-workspace\", \"version\": 7}").contains("newer PredSpace"));
        String colour = problemWith(HEAD + "\"drawing\": {\"colouring\": \"RAINBOW\"}}");
        assertTrue(colour.contains("RAINBOW") && colour.contains("colouring"), colour);
        assertTrue(problemWith(HEAD + "\"drawing\": {\"axes\": [0, 1]}}").contains("axes"));
        assertTrue(problemWith(HEAD + "\"drawing\": {\"axes\": [0, 1, \"z\"]}}").contains("axes"));
        assertTrue(problemWith(HEAD + "\"drawing\": {\"pointSize\": \"big\"}}").contains("pointSize"));
        assertTrue(problemWith(HEAD + "\"camera\": {\"distance\": -5}}").contains("distance"));
        assertTrue(problemWith(HEAD + "\"runs\": {\"path\": \"a\"}}").contains("\"runs\" must be a list"));
        assertTrue(problemWith(HEAD + "\"runs\": [{\"visible\": true}]}").contains("no \"path\""));
        assertTrue(problemWith(HEAD + "\"runs\": [{\"path\": \"a\", \"visible\": \"yes\"}]}").contains("visible"));
        assertTrue(problemWith(HEAD + "\"views\": [{\"camera\": {}}]}").contains("saved view has no \"name\""));
        assertTrue(problemWith(HEAD + "\"pinned\": [{\"run\": \"a\", \"checkpoint\": -1, \"step\": 0}]}").contains("checkpoint"));
        assertTrue(problemWith(HEAD + "\"drawing\": {\"shownUpToStep\": 1.5}}").contains("shownUpToStep"));
    }

    @Test
    void aHugeFileIsNotRead() throws IOException {
        Path f = tmp.resolve("huge.predspace");
        try (var ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {' '}), WorkspaceFile.MAX_BYTES + 10);   // sparse
        }
        WorkspaceFormatException e = assertThrows(WorkspaceFormatException.class, () -> WorkspaceFile.read(f));
        assertTrue(e.getMessage().contains("is not a workspace file"));
    }

    @Test
    void aFailedSaveLeavesThePreviousFileWhole() throws IOException {
        Path f = tmp.resolve("w.predspace");
        WorkspaceFile.write(f, sample(tmp));
        byte[] before = Files.readAllBytes(f);
        // the temporary file's name taken by a folder: the write fails before the rename
        Files.createDirectories(tmp.resolve(".w.predspace.tmp/x"));
        assertThrows(IOException.class, () -> WorkspaceFile.write(f, sample(tmp.resolve("other"))));
        assertArrayEquals(before, Files.readAllBytes(f));
        assertEquals(sample(tmp), WorkspaceFile.read(f));
    }
}
