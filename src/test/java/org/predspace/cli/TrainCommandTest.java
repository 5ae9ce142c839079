package org.predspace.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.runs.Run;
import org.predspace.runs.RunStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The acceptance checks of the training engine, through the command line as a user runs it. */
@Tag("slow")
class TrainCommandTest {
    private static final String DIGITS_RUN = "digits-mlp-adam-lr0.001-b128-s0";

    @Test
    void digitsMlpAdamTwoEpochsGivesAFullTrajectoryAndIsReproducible(@TempDir Path tmp) throws Exception {
        String[] args = {"train", "--dataset", "digits", "--arch", "mlp", "--optimizer", "adam", "--epochs", "2"};
        CliRunner first = CliRunner.run(concat(args, "--out", tmp.resolve("a").toString()));
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains(DIGITS_RUN + ": finished"), first.out());

        Run run = Run.open(tmp.resolve("a").resolve(DIGITS_RUN));
        assertEquals(RunStatus.FINISHED, run.status());
        assertTrue(run.checkpointCount() >= 20, "T = " + run.checkpointCount());
        assertEquals(10, run.classes());
        long[] steps = run.steps();
        assertEquals(0, steps[0]);
        for (int t = 1; t < steps.length; t++) assertTrue(steps[t] > steps[t - 1]);
        int n = run.probe().size();
        for (int t = 0; t < run.checkpointCount(); t++) {
            float[] p = run.predictions(t);
            assertEquals(n * 10, p.length);
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int c = 0; c < 10; c++) sum += p[i * 10 + c];
                assertEquals(1.0, sum, 1e-4, "row " + i + " of checkpoint " + t);
            }
        }
        double firstAcc = run.metrics().get(0).trainAccuracy();
        double lastAcc = run.metrics().get(run.checkpointCount() - 1).trainAccuracy();
        assertTrue(lastAcc > firstAcc + 0.5, "training learns: " + firstAcc + " -> " + lastAcc);

        CliRunner second = CliRunner.run(concat(args, "--out", tmp.resolve("b").toString()));
        assertEquals(0, second.exitCode(), second.err());
        Run again = Run.open(tmp.resolve("b").resolve(DIGITS_RUN));
        assertEquals(run.checkpointCount(), again.checkpointCount());
        for (int t = 0; t < run.checkpointCount(); t++) {
            assertArrayEquals(run.predictions(t), again.predictions(t), "same seed, same predictions at checkpoint " + t);
        }
    }

    @Test
    void sweepOfTwoArchitecturesTwoOptimisersTwoSeedsGivesEightRunsWithOneProbe(@TempDir Path tmp) throws Exception {
        CliRunner r = CliRunner.run("train", "--dataset", "digits", "--arch", "linear,mlp", "--optimizer", "sgd,adam",
                "--lr", "0.05", "--seed", "0,1", "--epochs", "1", "--checkpoints", "8", "--snapshots", "none",
                "--out", tmp.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<Path> dirs;
        try (Stream<Path> s = Files.list(tmp)) {
            dirs = s.filter(Files::isDirectory).toList();
        }
        assertEquals(8, dirs.size());
        Set<String> probeIds = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Path d : dirs) {
            Run run = Run.open(d);
            probeIds.add(run.probe().id());
            names.add(run.name());
            assertEquals(RunStatus.FINISHED, run.status());
            assertTrue(run.parameterSteps().length == 0, "--snapshots none writes no parameters");
        }
        assertEquals(1, probeIds.size(), "runs of one sweep share one probe id");
        assertEquals(8, names.size());
    }

    @Test
    void learningRateOneThousandDivergesAndKeepsOnlyFiniteCheckpoints(@TempDir Path tmp) throws Exception {
        CliRunner r = CliRunner.run("train", "--dataset", "digits", "--lr", "1000", "--optimizer", "sgd,adam",
                "--epochs", "2", "--out", tmp.toString());
        assertEquals(0, r.exitCode(), r.err());
        for (String opt : new String[] {"sgd", "adam"}) {
            Run run = Run.open(tmp.resolve("digits-mlp-" + opt + "-lr1000-b128-s0"));
            assertEquals(RunStatus.DIVERGED, run.status(), opt);
            assertTrue(run.checkpointCount() >= 1, "the initial checkpoint is kept");
            for (int t = 0; t < run.checkpointCount(); t++) {
                for (float v : run.predictions(t)) assertTrue(Float.isFinite(v));
            }
            assertTrue(r.out().contains("digits-mlp-" + opt + "-lr1000-b128-s0: diverged"), r.out());
        }
    }

    @Test
    void badArgumentsGiveOneLineAndNoStackTrace(@TempDir Path tmp) {
        CliRunner unknownArch = CliRunner.run("train", "--dataset", "digits", "--arch", "transformer", "--out", tmp.toString());
        assertEquals(Cli.EXIT_USAGE, unknownArch.exitCode());
        assertOneLine(unknownArch.err(), "unknown architecture 'transformer'");

        CliRunner notANumber = CliRunner.run("train", "--dataset", "digits", "--lr", "fast", "--out", tmp.toString());
        assertEquals(Cli.EXIT_USAGE, notANumber.exitCode());
        assertOneLine(notANumber.err(), "fast");

        CliRunner noOut = CliRunner.run("train", "--dataset", "digits");
        assertEquals(Cli.EXIT_USAGE, noOut.exitCode());
        assertOneLine(noOut.err(), "--out");

        CliRunner unknownData = CliRunner.run("train", "--dataset", "cifar", "--out", tmp.toString());
        assertEquals(Cli.EXIT_USAGE, unknownData.exitCode());
        assertOneLine(unknownData.err(), "cifar");

        CliRunner tabularCnn = CliRunner.run("train", "--dataset", "iris", "--arch", "lenet", "--out", tmp.toString());
        assertEquals(Cli.EXIT_USAGE, tabularCnn.exitCode());
        assertTrue(tabularCnn.err().contains("lenet needs image data"), tabularCnn.err());
    }

    @Test
    void existingRunFolderIsNeverOverwritten(@TempDir Path tmp) throws Exception {
        Path existing = tmp.resolve(DIGITS_RUN);
        Files.createDirectories(existing);
        Files.writeString(existing.resolve("notes.txt"), "precious");
        CliRunner r = CliRunner.run("train", "--dataset", "digits", "--epochs", "1", "--out", tmp.toString());
        assertEquals(Cli.EXIT_FAILURE, r.exitCode());
        assertOneLine(r.err(), "already exists");
        assertEquals("precious", Files.readString(existing.resolve("notes.txt")));
        try (Stream<Path> s = Files.list(existing)) {
            assertEquals(1, s.count());
        }
    }

    static void assertOneLine(String err, String mustContain) {
        String trimmed = err.strip();
        assertFalse(trimmed.isEmpty(), "an error message is printed");
        assertEquals(1, trimmed.lines().count(), "one line: " + err);
        assertTrue(trimmed.contains(mustContain), err);
        assertFalse(trimmed.contains("Exception") || trimmed.contains("\tat "), "no stack trace: " + err);
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void taskOptionTrainsOneRunPerTaskAndRecordsIt(@TempDir Path tmp) throws Exception {
        CliRunner r = CliRunner.run("train", "--dataset", "digits", "--width", "16", "--depth", "1", "--epochs", "1",
                "--checkpoints", "3", "--probe-size", "50", "--snapshots", "none",
                "--task", "low-high", "--task", "classes:7,2", "--out", tmp.toString());
        assertEquals(0, r.exitCode(), r.err());
        Run lowHigh = Run.open(tmp.resolve("digits-low-high-mlp-adam-lr0.001-b128-s0"));
        Run pair = Run.open(tmp.resolve("digits-classes7.2-mlp-adam-lr0.001-b128-s0"));
        assertEquals("groups:0,1,2,3,4/5,6,7,8,9", lowHigh.spec().get("task"));
        assertEquals("low-high", lowHigh.spec().get("task_preset"));
        assertEquals(2, lowHigh.classes());
        assertEquals("classes:7,2", pair.spec().get("task"));
        assertFalse(pair.spec().containsKey("task_preset"));
    }

    @Test
    void badTasksAreOneLineUsageErrors(@TempDir Path tmp) {
        String[][] cases = {
                {"diverse", "unknown task 'diverse'"},          // a fashion preset, not one of digits
                {"classes:0,10", "class 10 is out of range for digits (classes 0..9)"},
                {"classes:1,1", "lists class 1 twice"},
                {"groups:0,1", "has 1 group; a task needs at least 2"},
                {"groups:0/", "group 2 is empty"}};
        for (String[] c : cases) {
            CliRunner r = CliRunner.run("train", "--dataset", "digits", "--task", c[0], "--out", tmp.toString());
            assertEquals(Cli.EXIT_USAGE, r.exitCode(), c[0]);
            assertOneLine(r.err(), c[1]);
        }
        CliRunner twice = CliRunner.run("train", "--dataset", "fashion", "--task", "diverse", "--task", "classes:0,7,8",
                "--out", tmp.toString());
        assertEquals(Cli.EXIT_USAGE, twice.exitCode());
        assertOneLine(twice.err(), "--task classes:0,7,8 is given twice");
        assertEquals(0, tmp.toFile().list().length, "nothing was started");
    }

    @Test
    void datasetsListsTheTaskPresets() {
        CliRunner r = CliRunner.run("datasets");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("tops-footwear-other = groups:0,2,4,6/5,7,9/1,3,8"), r.out());
        assertTrue(r.out().contains("even-odd = groups:0,2,4,6,8/1,3,5,7,9"), r.out());
    }
}
