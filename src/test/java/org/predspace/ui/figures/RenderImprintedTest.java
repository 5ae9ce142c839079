package org.predspace.ui.figures;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.session.TestRuns;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** {@code render --probe imprinted}: runs of several tasks in one picture, coloured by task. */
@Tag("ui")
class RenderImprintedTest {
    @TempDir
    Path tmp;

    @Test
    void runsOfThreeTasksAreDrawnInTheImprintedPictureColouredByTask() throws Exception {
        Path dir = tmp.resolve("tasks");
        // presets sort a, b, c: the task colours are the palette's first three (blue, orange, green)
        TestRuns.writeTask(dir, "one", "head-1", TestRuns.SHARED_PROBE, 1, 6, 0, 1, Map.of("task", "classes:0,1", "task_preset", "a-task"));
        TestRuns.writeTask(dir, "two", "head-2", TestRuns.SHARED_PROBE, 2, 6, 0, 1, Map.of("task", "classes:1,2", "task_preset", "b-task"));
        TestRuns.writeTask(dir, "three", "head-3", TestRuns.SHARED_PROBE, 3, 6, 0, 1, Map.of("task", "classes:0,2", "task_preset", "c-task"));

        // their heads are on three tasks' probes: the training-probe picture is the first's, the others are noted
        Path training = tmp.resolve("training.png");
        RenderCommandTest.Result first = RenderCommandTest.render(dir.toString(), "--out", training.toString());
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("1 runs, 6 checkpoints, training-probe picture"), first.out());
        assertEquals(2, first.err().lines().filter(l -> l.startsWith("note: ") && l.contains("drawn in the imprinted picture only")
                && l.endsWith("(--probe imprinted draws them)")).count(), first.err());
        assertTrue(Files.exists(training));

        Path png = tmp.resolve("imprinted.png");
        RenderCommandTest.Result r = RenderCommandTest.render(dir.toString(), "--out", png.toString(), "--probe", "imprinted",
                "--color-by", "task", "--width", "800", "--height", "600");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("3 runs, 18 checkpoints, imprinted (all classes) picture coloured by task"), r.out());
        BufferedImage img = Pictures.read(png);
        assertTrue(Pictures.pixelsOfHue(img, RenderCommandTest.BLUE) > 20, "a-task not drawn");
        assertTrue(Pictures.pixelsOfHue(img, RenderCommandTest.GREEN) > 20, "c-task not drawn");
    }
}
