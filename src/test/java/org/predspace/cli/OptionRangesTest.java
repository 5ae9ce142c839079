package org.predspace.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.predspace.Main;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Numeric options out of range: one line naming the option, exit 2, before any work. */
class OptionRangesTest {
    @TempDir static Path tmp;
    static Path runA, runB;

    @BeforeAll
    static void writeRuns() throws Exception {
        runA = SyntheticRuns.write(tmp, "a", 0, 0, 0.3, 0.6, 1);
        runB = SyntheticRuns.write(tmp, "b", 1, 0, 0.3, 0.6, 1);
    }

    private static void assertUsage(CliRunner r, String option) {
        assertEquals(Cli.EXIT_USAGE, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(option), r.err());
    }

    @Test
    void aHugeCompareGridIsRefusedNotAnOutOfMemoryError() {
        assertUsage(CliRunner.run("compare", runA.toString(), runB.toString(), "--grid", "1000000000"), "--grid");
        assertUsage(CliRunner.run("compare", runA.toString(), runB.toString(), "--grid", "1"), "--grid");
    }

    @Test
    void aGridTheHeapCannotHoldIsRefusedWithTheLargestThatFits() throws Exception {
        // 6 runs x 10000 grid values x 30 samples x 3 classes x 4 bytes = 21.6 MB, over half of a 32 MB
        // heap. (2 runs in a 12 MB heap once ran out of memory under load before the check was reached.)
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "compare"));
        for (int i = 0; i < 6; i++) command.add(SyntheticRuns.write(tmp.resolve("six"), "r" + i, i % 3, 0, 0.3, 0.6, 1).toString());
        command.addAll(List.of("--grid", "10000"));
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(Cli.EXIT_USAGE, p.exitValue(), err);
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.contains("--grid 10000 needs about 21 MB for 6 runs") && err.contains("-Xmx"), err);
    }

    @Test
    void fewerLandmarksThanAxesIsRefusedNotAnIndexOutOfBounds() {
        Path out = tmp.resolve("coords.csv");
        CliRunner r = CliRunner.run("embed", runA.toString(), runB.toString(), "--landmarks", "2", "--out", out.toString());
        assertUsage(r, "--landmarks");
        assertFalse(Files.exists(out));
        CliRunner enough = CliRunner.run("embed", runA.toString(), runB.toString(), "--landmarks", "3", "--out", out.toString());
        assertEquals(0, enough.exitCode(), enough.err());
        assertEquals(1 + 8 + 2, assertDoesNotThrow(() -> Files.readAllLines(out)).size(), "8 checkpoints and 2 anchors");
    }

    @ParameterizedTest
    @CsvSource({"--floor,NaN", "--floor,-1", "--threshold,-1", "--threshold,Infinity", "--width,NaN", "--width,0",
            "--width,-2", "--fd-step,0", "--fd-step,NaN", "--k,0", "--vectors,0", "--vectors,1000000000",
            "--lanczos-steps,0", "--lanczos-steps,1000000000", "--grid,1", "--samples,0"})
    void spectrumChecksEveryNumberBeforeItComputes(String option, String value) {
        Path out = tmp.resolve("eig.csv");
        CliRunner r = CliRunner.run("spectrum", runA.toString(), "--kind", "density", option, value, "--out", out.toString());
        assertUsage(r, option);
        assertTrue(r.err().contains(value), r.err());
        assertEquals("", r.out(), "no progress printed: nothing was computed");
        assertFalse(Files.exists(out));
    }
}
