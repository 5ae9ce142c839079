package org.predspace.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Outputs of embed, compare and spectrum: never inside a run folder, never half written. */
class OutputFilesTest {
    @TempDir static Path tmp;
    static Path runA, runB, other;
    static byte[] runJsonOfB;

    @BeforeAll
    static void writeRuns() throws Exception {
        runA = SyntheticRuns.write(tmp, "a", 0, 0, 0.5, 1);
        runB = SyntheticRuns.write(tmp, "b", 1, 0, 0.5, 1);
        other = SyntheticRuns.write(tmp, "other", 2, 0, 1);
        runJsonOfB = Files.readAllBytes(runB.resolve("run.json"));
    }

    /** Exit 2, one line naming the option, and run b exactly as it was. */
    private static void assertRefused(CliRunner r, String option) throws Exception {
        assertEquals(Cli.EXIT_USAGE, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(option), r.err());
        assertArrayEquals(runJsonOfB, Files.readAllBytes(runB.resolve("run.json")), "run b's run.json was overwritten");
    }

    @Test
    void compareRefusesToWriteOverAFileOfARunItReads() throws Exception {
        CliRunner r = CliRunner.run("compare", runA.toString(), runB.toString(), "--out", runB.resolve("run.json").toString());
        assertRefused(r, "--out");
        assertTrue(r.err().contains("inside the run folder"), r.err());
        assertEquals("", r.out(), "refused before any work");
    }

    @Test
    void neitherDotDotNorALinkGetsPastTheCheck() throws Exception {
        Path viaDotDot = tmp.resolve("new-folder/../b/sub/../run.json");
        assertRefused(CliRunner.run("compare", runA.toString(), runB.toString(), "--out", viaDotDot.toString()), "--out");

        Path linkToRun = Files.createSymbolicLink(tmp.resolve("link-to-b"), runB);
        assertRefused(CliRunner.run("compare", runA.toString(), runB.toString(), "--out",
                linkToRun.resolve("run.json").toString()), "--out");

        Path linkToFile = Files.createSymbolicLink(tmp.resolve("run-of-b.json"), runB.resolve("run.json"));
        assertRefused(CliRunner.run("compare", runA.toString(), runB.toString(), "--out", linkToFile.toString()), "--out");
        assertTrue(Files.isSymbolicLink(linkToFile));
    }

    @Test
    void embedRefusesEveryOutputInsideARunFolderEvenOneItDoesNotRead() throws Exception {
        Path ok = tmp.resolve("embed-ok.csv");
        assertRefused(CliRunner.run("embed", runA.toString(), runB.toString(), "--out", ok.toString(),
                "--stats", runB.resolve("stats.json").toString()), "--stats");
        assertFalse(Files.exists(runB.resolve("stats.json")));
        CliRunner intoOtherRun = CliRunner.run("embed", runA.toString(), "--out", other.resolve("predictions.npy").toString());
        assertRefused(intoOtherRun, "--out");
        assertTrue(intoOtherRun.err().contains("other"), intoOtherRun.err());
        assertFalse(Files.exists(ok), "nothing written when one output is refused");
    }

    @Test
    void spectrumRefusesAnOutputInsideItsRunAndTwoOptionsNamingOneFile() throws Exception {
        assertRefused(CliRunner.run("spectrum", runB.toString(), "--kind", "fim", "--out", runB.resolve("eig.csv").toString()), "--out");
        Path same = tmp.resolve("same.csv");
        CliRunner twice = CliRunner.run("spectrum", runA.toString(), "--kind", "fim", "--out", same.toString(), "--stats", same.toString());
        assertRefused(twice, "--stats");
        assertTrue(twice.err().contains("same file"), twice.err());
    }

    @Test
    void aFolderIsNotAnOutputFile() throws Exception {
        CliRunner r = CliRunner.run("compare", runA.toString(), runB.toString(), "--out", Files.createDirectories(tmp.resolve("dir.csv")).toString());
        assertRefused(r, "is a folder");
    }

    @Test
    void aWriteThatFailsLeavesTheOldFileAsItWas() throws Exception {
        Path csv = tmp.resolve("distances.csv");
        Files.writeString(csv, "the old table\n");
        // the temp file beside it cannot be created: a folder (not empty, so not removed) holds its name
        Files.createDirectories(tmp.resolve(".distances.csv.tmp/blocker"));
        CliRunner r = CliRunner.run("compare", runA.toString(), runB.toString(), "--out", csv.toString());
        assertEquals(Cli.EXIT_FAILURE, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals("the old table\n", Files.readString(csv));
    }

    @Test
    void anOutputBesideTheRunsIsWrittenWhole() throws Exception {
        Path csv = tmp.resolve("out/nested/distances.csv");
        CliRunner r = CliRunner.run("compare", runA.toString(), runB.toString(), "--out", csv.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("run,a,b", Files.readAllLines(csv).get(0));
        try (var files = Files.list(csv.getParent())) {
            assertEquals(1, files.count(), "no temp file left beside it");
        }
    }
}
