package org.predspace.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** compare on runs whose progress ranges barely meet, or do not meet at all. */
class CompareCommandTest {
    @TempDir Path tmp;

    private static List<String[]> csv(Path file) throws Exception {
        return Files.readAllLines(file).stream().map(l -> l.split(",", -1)).toList();
    }

    @Test
    void aOneCheckpointRunInsideAnotherRunsRangeIsComparedAtItsProgress() throws Exception {
        Path whole = SyntheticRuns.write(tmp, "whole", 0, 0, 0.25, 0.5, 0.75, 1);
        Path itsMiddle = SyntheticRuns.write(tmp, "its-middle", 0, 0.5);      // checkpoint 2 of whole, alone
        Path elsewhere = SyntheticRuns.write(tmp, "elsewhere", 2, 0.5);       // another point, same fraction
        Path out = tmp.resolve("d.csv");
        CliRunner r = CliRunner.run("compare", whole.toString(), itsMiddle.toString(), elsewhere.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String[]> rows = csv(out);
        double toItsOwnCheckpoint = Double.parseDouble(rows.get(1)[2]);
        double toAnotherPoint = Double.parseDouble(rows.get(1)[3]);
        assertEquals(0, toItsOwnCheckpoint, 1e-6, "a checkpoint of the run, taken alone, lies on it");
        assertTrue(Double.isFinite(toAnotherPoint) && toAnotherPoint > 1e-4, "another point at the same progress is apart: " + toAnotherPoint);
        assertEquals(rows.get(1)[2], rows.get(2)[1], "symmetric");
        assertFalse(r.out().contains("Infinity"), r.out());
        // the two single points lie at different progress: those two alone are not comparable, and it says why
        assertTrue(r.out().contains("[1] and [2] are not comparable (inf): they share no progress"), r.out());
        assertEquals(1, r.out().lines().filter(l -> l.contains("not comparable")).count(), r.out());
    }

    @Test
    void runsWithNoProgressInCommonAreInfApartInTheCsvAndSaySoInWords() throws Exception {
        Path early = SyntheticRuns.write(tmp, "early", 0, 0, 0.05);
        Path late = SyntheticRuns.write(tmp, "late", 1, 0.9, 1);
        Path out = tmp.resolve("d.csv");
        CliRunner r = CliRunner.run("compare", early.toString(), late.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String[]> rows = csv(out);
        assertArrayEquals(new String[] {"run", "early", "late"}, rows.get(0));
        assertEquals("inf", rows.get(1)[2], "docs/export.md: infinities are inf");
        assertEquals("inf", rows.get(2)[1]);
        assertEquals(0.0, Double.parseDouble(rows.get(1)[1]));
        assertTrue(r.out().contains("not comparable") && r.out().contains("share no progress"), r.out());
        assertFalse(r.out().contains("Infinity"), r.out());
    }
}
