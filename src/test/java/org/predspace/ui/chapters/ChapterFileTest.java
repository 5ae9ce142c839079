package org.predspace.ui.chapters;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.session.CheckpointRef;
import org.predspace.session.ExplorerSession;
import org.predspace.ui.Colouring;
import org.predspace.ui.CameraPose;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import org.predspace.ui.PanelOption;

import static org.junit.jupiter.api.Assertions.*;

/** Chapter files: every field comes back, a hand-written file reads as meant, bad files are named exactly. */
public class ChapterFileTest {
    @TempDir
    Path tmp;

    /** Two chapters that differ from the defaults, and from each other, in every field. */
    public static List<Chapter> sample() {
        Chapter path = new Chapter("Training is a path", "Watch the runs leave ignorance.\nThen \"truth\" ünïcode.",
                "Mao et al., PNAS 2024 [A]", new CameraPose(-12.5, 40, 3, -4, 1100), Colouring.STEP,
                ExplorerSession.Probe.HELD_OUT, new int[] {0, 2, 1}, 600, false, List.of("mlp-adam-s0", "lenet-sgd-s1"),
                List.of("Compare", "Dimensions"), Set.of(PanelOption.COMPARE_CONFIGURATIONS, PanelOption.SPECTRUM_NORMALISED),
                new CheckpointRef("mlp-adam-s0", 19, 600), true);
        Chapter all = new Chapter("Many networks", "", "", CameraPose.DEFAULT, Colouring.ARCHITECTURE,
                ExplorerSession.Probe.TRAINING, new int[] {0, 1, 2}, Long.MAX_VALUE, true, List.of(), List.of(), Set.of(),
                null, false);
        return List.of(path, all);
    }

    @Test
    void everyFieldComesBackAfterWriteAndRead() throws IOException {
        Path f = tmp.resolve("chapters.json");
        ChapterFile.write(f, sample());
        List<Chapter> back = ChapterFile.read(f);
        assertEquals(sample(), back);
        // the record's equals is hand-written: check the parts it might skip directly
        assertEquals(sample().get(0).selected(), back.get(0).selected());
        assertNull(back.get(1).selected());
        assertEquals(Long.MAX_VALUE, back.get(1).shownUpToStep());
        assertTrue(back.get(1).shownRuns().isEmpty(), "no runs listed means every run");
        assertTrue(back.get(0).play());
        assertTrue(Files.readString(f).contains("\"shownUpToStep\" : null"), "all steps is written as null");
    }

    @Test
    void aHandWrittenFileReadsAsTheRecordsItDescribes() throws IOException {
        Path f = tmp.resolve("chapters.json");
        Files.writeString(f, """
                { "format": "predspace-chapters", "version": 1,
                  "chapters": [
                    { "title": "Training is a path", "caption": "Watch the runs leave ignorance.\\nThen \\"truth\\" ünïcode.",
                      "reference": "Mao et al., PNAS 2024 [A]", "runs": ["mlp-adam-s0", "lenet-sgd-s1"],
                      "camera": {"pitch": -12.5, "yaw": 40, "panX": 3, "panY": -4, "distance": 1100},
                      "colouring": "STEP", "probe": "HELD_OUT", "axes": [0, 2, 1], "shownUpToStep": 600,
                      "trajectories": false, "panels": ["Compare", "Dimensions"],
                      "options": ["spectrum-normalised", "compare-configurations"],
                      "selected": {"run": "mlp-adam-s0", "checkpoint": 19, "step": 600}, "play": true },
                    { "title": "Many networks" }
                  ] }
                """);
        assertEquals(sample(), ChapterFile.read(f));
    }

    @Test
    void anEmptyRunsListAndNullStepAreTheDefaults() throws IOException {
        Path f = tmp.resolve("chapters.json");
        Files.writeString(f, "{\"format\": \"predspace-chapters\", \"version\": 1, \"chapters\": [{\"title\": \"Many networks\","
                + " \"runs\": [], \"shownUpToStep\": null, \"selected\": null, \"camera\": {}}]}");
        assertEquals(sample().get(1), ChapterFile.read(f).get(0));
    }

    private String problemWith(String json) throws IOException {
        Path f = tmp.resolve("bad.json");
        Files.writeString(f, json);
        ChapterFormatException e = assertThrows(ChapterFormatException.class, () -> ChapterFile.read(f));
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), "the message names the file: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    private static final String HEAD = "{\"format\": \"predspace-chapters\", \"version\": 1, \"chapters\": [{\"title\": \"Ok\"}, ";

    /** The message for a second chapter titled "Path" with these extra fields. */
    private String secondChapter(String fields) throws IOException {
        String m = problemWith(HEAD + "{\"title\": \"Path\", " + fields + "}]}");
        assertTrue(m.contains("chapter 2 (\"Path\"): "), "names the chapter by number and title: " + m);
        return m;
    }

    @Test
    void badFilesAreRefusedWithOneLineNamingTheFileTheChapterAndTheField() throws IOException {
        assertTrue(problemWith("{\"format\": \"predspace-chapters\",\n \"chapters\": [}").contains("not valid JSON (line 2"));
        assertTrue(problemWith("[1, 2]").contains("not a PredSpace chapters file"));
        assertTrue(problemWith("{\"format\": \"predspace-workspace\", \"version\": 1}").contains("not a PredSpace chapters file"));
        assertTrue(problemWith("{\"format\": \"predspace-chapters\", \"version\": 2, \"chapters\": []}").contains("newer PredSpace"));
        assertTrue(problemWith("{\"format\": \"predspace-chapters\", \"version\": \"1\", \"chapters\": []}").contains("\"version\""));
        assertTrue(problemWith("{\"format\": \"predspace-chapters\", \"version\": 1}").contains("\"chapters\" must be a list"));
        assertTrue(problemWith(HEAD + "{\"caption\": \"no title\"}]}").contains("chapter 2: has no \"title\""));
        assertTrue(problemWith(HEAD + "[\"Path\"]]}").contains("chapter 2: must be an object"));
        assertTrue(secondChapter("\"colouring\": \"RAINBOW\"").contains("\"colouring\" is \"RAINBOW\"; one of"));
        assertTrue(secondChapter("\"probe\": \"TEST\"").contains("\"probe\" is \"TEST\""));
        assertTrue(secondChapter("\"options\": [\"compare-everything\"]").contains("\"options\" holds \"compare-everything\"; known options are [compare-configurations"));
        assertTrue(secondChapter("\"panels\": [\"Compare\", \"Dimensions\", \"Spectrum\"]").contains("\"panels\" names 3; at most 2"));
        assertTrue(secondChapter("\"panels\": \"Compare\"").contains("\"panels\" must be a list"));
        assertTrue(secondChapter("\"runs\": [\"a\", 3]").contains("\"runs\" must hold names"));
        assertTrue(secondChapter("\"caption\": 42").contains("\"caption\" must be text"));
        assertTrue(secondChapter("\"trajectories\": \"yes\"").contains("\"trajectories\" must be true or false"));
        assertTrue(secondChapter("\"play\": 1").contains("\"play\" must be true or false"));
        assertTrue(secondChapter("\"axes\": [0, 1]").contains("\"axes\" must list 3"));
        assertTrue(secondChapter("\"axes\": [0, 1, 1000]").contains("\"axes\" must hold whole numbers"));
        assertTrue(secondChapter("\"shownUpToStep\": -3").contains("\"shownUpToStep\" must be a whole number"));
        assertTrue(secondChapter("\"camera\": {\"pitch\": 400}").contains("\"pitch\" must be a number in [-90.0, 90.0]"));
        assertTrue(secondChapter("\"camera\": {\"distance\": 1e300}").contains("\"distance\""));
        assertTrue(secondChapter("\"camera\": [1, 2]").contains("\"camera\" must be an object"));
        assertTrue(secondChapter("\"selected\": {\"run\": \"a\", \"checkpoint\": -1, \"step\": 0}").contains("a checkpoint needs"));
        assertTrue(secondChapter("\"captoin\": \"typo\"").contains("unknown field \"captoin\""));
        assertTrue(secondChapter("\"caption\": \"" + "x".repeat(ChapterFile.MAX_CAPTION + 1) + "\"").contains("\"caption\" has 4001 characters"));
    }

    @Test
    void aHugeFileIsNotRead() throws IOException {
        Path f = tmp.resolve("huge.json");
        try (var ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {' '}), ChapterFile.MAX_BYTES + 10);   // sparse
        }
        ChapterFormatException e = assertThrows(ChapterFormatException.class, () -> ChapterFile.read(f));
        assertTrue(e.getMessage().contains("is not a chapters file"), e.getMessage());
    }

    @Test
    void aFailedSaveLeavesThePreviousFileWhole() throws IOException {
        Path f = tmp.resolve("chapters.json");
        ChapterFile.write(f, sample());
        byte[] before = Files.readAllBytes(f);
        // the temporary file's name taken by a folder: the write fails before the rename
        Files.createDirectory(tmp.resolve(".chapters.json.tmp"));
        assertThrows(IOException.class, () -> ChapterFile.write(f, List.of(sample().get(1))));
        assertArrayEquals(before, Files.readAllBytes(f));
        assertEquals(sample(), ChapterFile.read(f));
    }
}
