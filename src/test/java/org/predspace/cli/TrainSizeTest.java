package org.predspace.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DatasetCatalog;
import org.predspace.runs.Run;
import org.predspace.spectra.RunCheckpoint;
import org.predspace.training.spec.TrainingSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** train --train-size: recorded in run.json, used for training and the train probe, refused when impossible. */
class TrainSizeTest {
    static final String[] DIGITS = {"train", "--dataset", "digits", "--arch", "mlp", "--width", "16", "--depth", "1",
            "--epochs", "1", "--checkpoints", "3", "--probe-size", "50", "--snapshots", "sparse"};

    @Test
    void aLimitedRunRecordsItsSubsetAndHasItsOwnProbe(@TempDir Path tmp) throws Exception {
        CliRunner limited = CliRunner.run(InitFromTest.concat(DIGITS, "--train-size", "100", "--name", "small", "--out", tmp.toString()));
        assertEquals(0, limited.exitCode(), limited.err());
        CliRunner all = CliRunner.run(InitFromTest.concat(DIGITS, "--name", "all", "--out", tmp.toString()));
        assertEquals(0, all.exitCode(), all.err());

        Run small = Run.open(tmp.resolve("small")), whole = Run.open(tmp.resolve("all"));
        assertEquals(100, small.spec().get("train_size_limit"));
        assertEquals(100, ((Map<?, ?>) small.spec().get("engine")).get("train_size"));
        assertFalse(whole.spec().containsKey("train_size_limit"));
        assertTrue((Integer) ((Map<?, ?>) whole.spec().get("engine")).get("train_size") > 100);
        assertNotEquals(whole.probe().id(), small.probe().id(), "runs on different training data never share a picture silently");
        assertEquals(50, small.probe().size());

        TrainingSpec read = TrainingSpec.fromMap(small.spec());
        assertEquals(100, read.trainSizeLimit());
        // the spectrum of a checkpoint draws the same probe again from the same subset
        RunCheckpoint cp = RunCheckpoint.open(small, RunCheckpoint.resolveStep(small, "last"), new DatasetCatalog());
        assertEquals(100, cp.spec().trainSizeLimit());
    }

    @Test
    void aTrainSizeBelowOnePerClassOrAboveTheSplitIsOneLine(@TempDir Path tmp) {
        CliRunner few = CliRunner.run(InitFromTest.concat(DIGITS, "--train-size", "5", "--name", "few", "--out", tmp.toString()));
        assertEquals(Cli.EXIT_USAGE, few.exitCode(), few.err());
        TrainCommandTest.assertOneLine(few.err(), "train size must be in 10..");
        assertTrue(few.err().contains("got 5"), few.err());
        CliRunner many = CliRunner.run(InitFromTest.concat(DIGITS, "--train-size", "1000000", "--name", "many", "--out", tmp.toString()));
        assertEquals(Cli.EXIT_USAGE, many.exitCode(), many.err());
        TrainCommandTest.assertOneLine(many.err(), "got 1000000");
        assertFalse(Files.exists(tmp.resolve("few")) || Files.exists(tmp.resolve("many")), "no run was started");
    }
}
