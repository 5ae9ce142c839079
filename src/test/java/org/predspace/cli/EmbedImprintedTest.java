package org.predspace.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.geometry.distance.ProbeShape;
import org.predspace.geometry.distance.SqrtProbabilities;
import org.predspace.geometry.trajectory.Progress;
import org.predspace.session.TestRuns;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** embed --imprinted: runs of two tasks in one picture of their imprinted predictions; runs without them named. */
class EmbedImprintedTest {
    @TempDir Path tmp;

    private Path task(String name, String task, int tilt) throws Exception {
        return TestRuns.writeTask(tmp, name, "head-" + task, TestRuns.SHARED_PROBE, tilt, 4, 0, 1, Map.of("task", task));
    }

    @Test
    void runsOfTwoTasksAreEmbeddedTogetherOnTheSharedProbeWithProgressOnTheFullTask() throws Exception {
        Path a = task("a", "classes:0,1", 1);
        Path b = task("b", "classes:1,2", 2);
        Path out = tmp.resolve("coords.csv");
        CliRunner heads = CliRunner.run("embed", a.toString(), b.toString(), "--out", out.toString());
        assertNotEquals(0, heads.exitCode(), "their heads are on probes of their own tasks");
        assertFalse(Files.exists(out));

        CliRunner r = CliRunner.run("embed", "--imprinted", a.toString(), b.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String[]> rows = Files.readAllLines(out).stream().skip(1).map(l -> l.split(",", -1)).toList();
        assertEquals(4 + 4 + 2, rows.size(), "every checkpoint of both runs and the two anchors");
        // the last checkpoint of b: its progress on the full problem's geodesic, computed here from the rows written
        String[] lastOfB = rows.get(7);
        assertEquals("b", lastOfB[0]);
        assertEquals("30", lastOfB[1]);
        ProbeShape shared = new ProbeShape(TestRuns.SHARED_PROBE, TestRuns.N, TestRuns.C);
        double expected = Progress.ignoranceToTruth(shared, TestRuns.labels())
                .of(SqrtProbabilities.of("b", shared, TestRuns.towardsTruth(1, 2)));
        assertEquals(expected, Double.parseDouble(lastOfB[2]), 1e-9);
    }

    @Test
    void runsWithoutImprintedPredictionsAreAllNamedAndNothingIsWritten() throws Exception {
        Path a = task("a", "classes:0,1", 1);
        Path old1 = TestRuns.writeTask(tmp, "old-1", "head-classes:0,1", null, 2, 3, 0, 1, Map.of());
        Path old2 = TestRuns.writeTask(tmp, "old-2", "head-classes:0,1", null, 3, 3, 0, 1, Map.of());
        Path out = tmp.resolve("coords.csv");
        CliRunner r = CliRunner.run("embed", "--imprinted", a.toString(), old1.toString(), old2.toString(), "--out", out.toString());
        assertNotEquals(0, r.exitCode());
        assertTrue(r.err().contains("2 runs have no imprinted predictions, so --imprinted cannot draw them: old-1, old-2"), r.err());
        assertEquals(1, r.err().strip().lines().filter(l -> l.contains("imprinted")).count(), r.err());
        assertFalse(Files.exists(out));
    }
}
